package dev.montage.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.montage.support.ApiClient.Response;

/**
 * One HTTP/1.1 request over a plain socket with the request target sent byte for byte: java.net.URI and the JDK
 * client normalise or refuse {@code %76}, {@code ;x}, {@code //} and {@code /../}, which is what a test of path
 * handling must send.
 *
 * <pre>{@code
 * Response r = RawHttp.to(port).header("Authorization", "Bearer " + key).send("GET", "/v2;x/rooms");
 * }</pre>
 *
 * <p>{@link #exchange} sends a whole request exactly as written instead: HTTP clients refuse to send most of what
 * the server must survive (a NUL in a header, a negative Content-Length, a raw space in a path).
 */
public final class RawHttp {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("\r\ncontent-length: *(\\d+)");

    private final int port;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private int timeoutMillis = 10_000;

    private RawHttp(int port) {
        this.port = port;
    }

    public static RawHttp to(int port) {
        return new RawHttp(port);
    }

    /** Adds a request header; a null value adds nothing. */
    public RawHttp header(String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
        return this;
    }

    /** How long to wait for the answer (a server that waits for a body it was never sent fails the test). */
    public RawHttp timeoutMillis(int millis) {
        this.timeoutMillis = millis;
        return this;
    }

    public Response send(String method, String target) {
        return send(method, target, new byte[0]);
    }

    public Response send(String method, String target, byte[] body) {
        return send(method, target, body, body.length);
    }

    /**
     * Sends the head with {@code Content-Length: declaredLength} but only {@code body}: a client that announces a
     * large upload and waits for the answer before sending it. The answer must come without the rest.
     */
    public Response send(String method, String target, byte[] body, long declaredLength) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(timeoutMillis);
            StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (declaredLength > 0 || !method.equals("GET") && !method.equals("HEAD")) {
                head.append("Content-Length: ").append(declaredLength).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return parse(readAnswer(socket.getInputStream(), method.equals("HEAD")), method.equals("HEAD"));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + target, e);
        }
    }

    /** Sends {@code request} (ISO-8859-1, so every byte is as written) and parses the one response. */
    public Response exchange(String request) {
        return exchange(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    public Response exchange(byte[] request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            return parse(readUntilClosed(socket.getInputStream()), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server that refuses a request may close while the rest of it is still being sent; what came is kept. */
    private static byte[] readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                received.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            if (received.size() == 0) {
                throw reset;
            }
        }
        return received.toByteArray();
    }

    /**
     * Reads until the answer is complete by its own framing, not until the connection closes: after answering an
     * unread upload, Tomcat keeps reading (swallowing) the rest of the body before it closes.
     */
    private static byte[] readAnswer(InputStream in, boolean head) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; !complete(out.toByteArray(), head) && (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (java.net.SocketException e) {
            // the server answered and reset the connection on the unread part of a body: keep what arrived
            if (out.size() == 0) {
                throw e;
            }
        }
        return out.toByteArray();
    }

    private static boolean complete(byte[] bytes, boolean head) {
        String raw = new String(bytes, StandardCharsets.ISO_8859_1);
        int headEnd = raw.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return false;
        }
        String lowerHead = raw.substring(0, headEnd).toLowerCase(Locale.ROOT);
        if (head || raw.startsWith("HTTP/1.1 204") || raw.startsWith("HTTP/1.1 304")) {
            return true;
        }
        int bodyLength = bytes.length - headEnd - 4;
        Matcher length = CONTENT_LENGTH.matcher(lowerHead);
        if (length.find()) {
            return bodyLength >= Long.parseLong(length.group(1));
        }
        if (lowerHead.contains("\r\ntransfer-encoding: chunked")) {
            return raw.endsWith("\r\n0\r\n\r\n") || raw.substring(headEnd + 4).startsWith("0\r\n\r\n");
        }
        return false; // delimited by the end of the connection
    }

    /** Framing is read byte for byte (ISO-8859-1); the body is UTF-8 once de-chunked. */
    private static Response parse(byte[] bytes, boolean head) {
        String raw = new String(bytes, StandardCharsets.ISO_8859_1);
        int headEnd = raw.indexOf("\r\n\r\n");
        if (!raw.startsWith("HTTP/1.1 ") || headEnd < 0) {
            throw new IllegalStateException("not an HTTP answer: " + raw);
        }
        int status = Integer.parseInt(raw.substring(9, 12));
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : raw.substring(0, headEnd).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
        }
        headers.putIfAbsent("content-type", "");
        String body = head ? "" : raw.substring(headEnd + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = ApiClient.dechunk(body);
        }
        return new Response(status, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8),
                headers);
    }
}
