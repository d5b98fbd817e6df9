package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;

import dev.montage.support.ApiClient;
import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.RawHttp;
import tools.jackson.databind.JsonNode;

/** What the tests of {@code download_url}'s address share: a completed composition, read with chosen headers. */
abstract class DownloadUrlRequests extends ApiTest {

    private String key;

    @BeforeEach
    void clientWithKnownKey() {
        key = accounts.createAccount().apiKey();
        api = new ApiClient(port, key);
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
    String downloadUrl(String compositionId, String headers) {
        Response response = RawHttp.to(port).exchange("GET /v2/room_compositions/" + compositionId + " HTTP/1.1\r\n"
                + headers + "\r\nAuthorization: Bearer " + key + "\r\nConnection: close\r\n\r\n");
        assertThat(response.status()).as(headers).isEqualTo(200);
        return response.data().path("download_url").asString();
    }
}
