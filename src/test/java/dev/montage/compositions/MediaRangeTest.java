package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.montage.support.ApiTest;

/**
 * {@code Range} on a download link as RFC 9110 §14.2 wants it: a range past the end is 416 with
 * {@code Content-Range: bytes *}{@code /<size>} and no file in the body; a header that is empty or not a byte range
 * is ignored, so the whole file comes with 200.
 */
class MediaRangeTest extends ApiTest {

    @Test
    void rangesOutsideTheFileOrMalformedAreAnsweredAsTheRfcSays() throws Exception {
        TwoParticipantSession session = twoParticipantSession(api);
        String url = composeAndDownloadUrl(session);
        long size = Files.size(download(url));
        URI link = URI.create(url);
        String target = link.getRawPath() + "?" + link.getRawQuery();

        Answer unsatisfiable = get(target, "bytes=" + size + "-");
        assertThat(unsatisfiable.status()).isEqualTo(416);
        assertThat(unsatisfiable.headers()).containsEntry("content-range", "bytes */" + size);
        assertThat(unsatisfiable.body().length).as("no file in the body").isLessThan(1000);
        assertThat(new String(unsatisfiable.body(), StandardCharsets.UTF_8)).doesNotContain("ftyp")
                .contains("\"errors\"");

        for (String ignored : new String[] {"", "bytes=", "bytes=abc", "pages=1-2", "bytes=5-2", "bytes=0-,0-"}) {
            Answer whole = get(target, ignored);
            assertThat(whole.status()).as("Range: '%s'", ignored).isEqualTo(200);
            assertThat(whole.body()).as("Range: '%s'", ignored).hasSize((int) size);
        }

        Answer part = get(target, "bytes=10-19");
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.body()).hasSize(10);
        assertThat(part.headers()).containsEntry("content-range", "bytes 10-19/" + size);
    }

    private String composeAndDownloadUrl(TwoParticipantSession session) {
        var created = api.post("/v2/room_compositions", "{\"session_id\": \"" + session.sessionId()
                + "\", \"resolution\": \"160x120\"}");
        assertThat(created.status()).isEqualTo(202);
        var done = awaitFinished(api, created.data().path("id").asString(), 60);
        assertThat(done.path("status").asString()).isEqualTo("completed");
        return done.path("download_url").asString();
    }

    private record Answer(int status, Map<String, String> headers, byte[] body) {
    }

    /** A GET with this exact Range header, over a socket: an HTTP client may refuse or rewrite an odd header. */
    private Answer get(String target, String range) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nRange: " + range
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = line(in);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
            }
            byte[] body = headers.containsKey("transfer-encoding") ? dechunk(in) : in.readAllBytes();
            return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers, body);
        }
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
            body.write(in.readNBytes(size));
            line(in);
        }
        return body.toByteArray();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
