package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.montage.support.ApiClient;
import dev.montage.support.ApiTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code download_url} is a credential: a link the service hands out must point at the service, whatever a client
 * writes in {@code Host} or in forwarded headers the operator has not enabled. With neither {@code montage.public-url}
 * nor {@code server.forward-headers-strategy}, the link's base is the address the connection came in on.
 */
class DownloadUrlHostTest extends ApiTest {

    private String key;

    @BeforeEach
    void clientWithKnownKey() {
        key = accounts.createAccount().apiKey();
        api = new ApiClient(port, key);
    }

    @Test
    void aClientSuppliedHostOrForwardedHeaderDoesNotSteerTheDownloadUrl() throws IOException {
        String id = completedComposition();

        for (String headers : new String[] {"Host: evil.example", "Host: evil.example:8080",
                "Host: 127.0.0.1\r\nX-Forwarded-Host: evil.example\r\nX-Forwarded-Proto: https",
                "Host: 127.0.0.1\r\nForwarded: host=evil.example;proto=https"}) {
            URI link = URI.create(downloadUrl(id, headers));
            assertThat(link.getHost()).as(headers).isEqualTo("127.0.0.1");
            assertThat(link.getPort()).as(headers).isEqualTo(port);
            assertThat(link.getScheme()).as(headers).isEqualTo("http");
        }
    }

    String completedComposition() {
        TwoParticipantSession session = twoParticipantSession(api);
        var created = api.post("/v2/room_compositions", "{\"session_id\": \"" + session.sessionId()
                + "\", \"resolution\": \"160x120\"}");
        JsonNode done = awaitFinished(api, created.data().path("id").asString(), 60);
        assertThat(done.path("status").asString()).isEqualTo("completed");
        return done.path("id").asString();
    }

    /** GET of the composition with these header lines, over a socket (HTTP clients will not send a foreign Host). */
    String downloadUrl(String compositionId, String headers) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v2/room_compositions/" + compositionId + " HTTP/1.1\r\n" + headers
                    + "\r\nAuthorization: Bearer " + key + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).as(headers).startsWith("HTTP/1.1 200");
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            if (response.toLowerCase().contains("transfer-encoding: chunked")) {
                body = body.substring(body.indexOf("\r\n") + 2, body.lastIndexOf("\r\n0\r\n"));
            }
            return JsonMapper.builder().build().readTree(body).path("data").path("download_url").asString();
        }
    }
}
