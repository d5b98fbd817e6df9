package dev.montage.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP client against the server under test, speaking the API as a Telnyx SDK would. Every answer it
 * receives is checked against the published OpenAPI document ({@link ContractValidator}): a test that gets an answer
 * the document does not describe fails. {@link #strict()} checks the requests too.
 */
public final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;
    private final boolean checkRequests;

    public ApiClient(int port, String apiKey) {
        this("http://127.0.0.1:" + port, apiKey == null ? null : "Bearer " + apiKey, false);
    }

    private ApiClient(String base, String authorization, boolean checkRequests) {
        this.base = base;
        this.authorization = authorization;
        this.checkRequests = checkRequests;
    }

    /** The same server, another key; null sends no Authorization header at all. */
    public ApiClient withKey(String otherKey) {
        return new ApiClient(base, otherKey == null ? null : "Bearer " + otherKey, checkRequests);
    }

    /** The same server with this exact Authorization header value. */
    public ApiClient withAuthorization(String headerValue) {
        return new ApiClient(base, headerValue, checkRequests);
    }

    /**
     * The same client, which also fails a test whose request the OpenAPI document does not allow (an operation it
     * lacks, a parameter or body it does not describe), before sending it. For tests whose requests are all meant
     * to be valid: the bad-input tests send invalid ones on purpose.
     */
    public ApiClient strict() {
        return new ApiClient(base, authorization, true);
    }

    public Response get(String path) {
        return send(request(path).GET(), null);
    }

    /**
     * A GET whose answer is bytes (a picture), with an optional {@code Accept}; checked against the document like
     * every answer.
     */
    public BinaryResponse getBytes(String path, String accept) {
        HttpRequest.Builder builder = request(path).GET();
        if (accept != null) {
            builder.header("Accept", accept);
        }
        HttpRequest request = builder.build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            String type = response.headers().firstValue("content-type").orElse("");
            ContractValidator.checkResponse("GET", request.uri(), response.statusCode(), response.headers().map(),
                    new String(response.body(), type.startsWith("application/json") ? StandardCharsets.UTF_8
                            : StandardCharsets.ISO_8859_1));
            return new BinaryResponse(response.statusCode(), type, response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response delete(String path) {
        return send(request(path).DELETE(), null);
    }

    public Response post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), json.getBytes(StandardCharsets.UTF_8));
    }

    public Response post(String path, byte[] body, String contentType) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)),
                body);
    }

    public Response patch(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)), json.getBytes(StandardCharsets.UTF_8));
    }

    public Response method(String method, String path) {
        return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()), null);
    }

    /** A request with extra headers (such as {@code Idempotency-Key}) and an optional JSON body. */
    public Response send(String method, String path, Map<String, String> headers, String json) {
        HttpRequest.Builder builder = request(path);
        headers.forEach(builder::header);
        if (json == null) {
            return send(builder.method(method, HttpRequest.BodyPublishers.noBody()), null);
        }
        return send(builder.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)), json.getBytes(StandardCharsets.UTF_8));
    }

    /** multipart/form-data with one file part and text fields, as curl -F sends it. */
    public Response upload(String path, byte[] file, String filename, Map<String, String> fields) {
        String boundary = "montage-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            for (Map.Entry<String, String> field : fields.entrySet()) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                        + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            if (file != null) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                body.write(file);
                body.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return post(path, body.toByteArray(), "multipart/form-data; boundary=" + boundary);
    }

    /**
     * Sends a request line exactly as given, over a plain socket: java.net.URI refuses raw brackets in a query,
     * but curl and the SDKs send them, so the server must take them.
     */
    public Response rawGet(String pathAndQuery) {
        String port = base.substring(base.lastIndexOf(':') + 1);
        try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(port))) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + authorization
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(raw.substring(9, 12));
            String head = raw.substring(0, raw.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
            String body = raw.substring(head.length() + 4);
            if (head.contains("transfer-encoding: chunked")) {
                body = dechunk(body);
            }
            ContractValidator.checkResponse("GET", URI.create(base + pathAndQuery.replaceAll("[?].*", "")), status,
                    headers(raw.substring(0, head.length())), body);
            return new Response(status, body, Map.of("content-type", header(head, "content-type")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every header of a response head as received, for the contract check. */
    private static Map<String, List<String>> headers(String head) {
        Map<String, List<String>> headers = new HashMap<>();
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).trim(), n -> new ArrayList<>())
                        .add(line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    /** The value of {@code name} in a lower-cased response head; "" when absent, as for the normal client. */
    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return "";
    }

    /** A chunked body read one char per byte, without its framing (RawHttp reads its answers with it too). */
    static String dechunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder builder, byte[] body) {
        HttpRequest request = builder.build();
        if (checkRequests) {
            ContractValidator.checkRequest(request.method(), request.uri(), request.headers().map(), body);
        }
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            ContractValidator.checkResponse(request.method(), request.uri(), response.statusCode(),
                    response.headers().map(), response.body());
            Map<String, String> headers = new HashMap<>(Map.of("content-type", ""));
            response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                    values.get(0)));
            return new Response(response.statusCode(), response.body(), Map.copyOf(headers));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Status, {@code Content-Type} ("" when absent) and the body as bytes. */
    public record BinaryResponse(int status, String contentType, byte[] body) {
        @Override
        public String toString() {
            return status + " " + contentType + " (" + body.length + " bytes)"
                    + (contentType.startsWith("application/json") ? ": " + new String(body, StandardCharsets.UTF_8)
                            : "");
        }
    }

    /**
     * Status, raw body and the body parsed as JSON (a missing node when the body is empty); headers by lower-case
     * name, their first value ({@code content-type} always there, "" when absent).
     */
    public record Response(int status, String body, Map<String, String> headers) {
        public JsonNode json() {
            return body.isEmpty() ? JSON.missingNode() : JSON.readTree(body);
        }

        public JsonNode data() {
            return json().path("data");
        }

        /** The first error of the envelope. */
        public JsonNode error() {
            return json().path("errors").path(0);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
