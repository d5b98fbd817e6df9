package dev.montage.compositions;

import static dev.montage.support.ApiAssertions.assertPointerProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.TestMedia;
import tools.jackson.databind.JsonNode;

/**
 * {@code montage.compositions.max-media-duration} caps how long a composition may be, so that one request cannot
 * take a render thread for hours. Here the cap is 3 s.
 */
@TestPropertySource(properties = "montage.compositions.max-media-duration=3s")
class MediaDurationCapTest extends ApiTest {

    @Test
    void aCompositionLongerThanTheCapIsRefusedWithAPointerToTheSession() {
        JsonNode recordings = upload(api, TestMedia.webm("red", 440, 4),
                Map.of("started_at", "2024-05-01T10:00:00Z", "participant_context", "alice"));
        String session = recordings.path(0).path("session_id").asString();

        Response response = api.post("/v2/room_compositions", """
                {"session_id": "%s", "resolution": "160x120"}
                """.formatted(session));

        JsonNode error = assertPointerProblem(response, "10015", "/session_id");
        assertThat(error.path("detail").asString()).contains("4 s").contains("3 s");
        assertThat(api.get("/v2/room_compositions?filter[session_id]=" + session).json().path("meta")
                .path("total_results").asInt()).isZero();
    }

    /** A preview is held to the cap as a create is: the same 422. */
    @Test
    void aPreviewLongerThanTheCapIsRefusedAsACreateIs() {
        JsonNode recordings = upload(api, TestMedia.webm("red", 440, 4),
                Map.of("started_at", "2024-05-01T10:00:00Z", "participant_context", "alice"));
        String body = """
                {"session_id": "%s", "resolution": "160x120"}
                """.formatted(recordings.path(0).path("session_id").asString());

        Response created = api.post("/v2/room_compositions", body);
        Response previewed = api.post("/v2/room_compositions/preview", body);

        assertPointerProblem(previewed, "10015", "/session_id");
        assertThat(previewed.json()).isEqualTo(created.json());
    }

    /**
     * <pre>
     *   alice |0-1|
     *   bob           |5-6|      untrimmed 6 s (refused, pointing at trim), trimmed 2 s (accepted)
     * </pre>
     */
    @Test
    void whenTrimmingWouldFitThePointerIsTheTrim() {
        JsonNode alice = upload(api, TestMedia.webm("red", 440, 1),
                Map.of("started_at", "2024-05-01T10:00:00Z", "participant_context", "alice"));
        String session = alice.path(0).path("session_id").asString();
        upload(api, TestMedia.webm("blue", 660, 1),
                Map.of("started_at", "2024-05-01T10:00:05Z", "session_id", session, "participant_context", "bob"));

        Response untrimmed = api.post("/v2/room_compositions", """
                {"session_id": "%s", "resolution": "160x120", "trim": false}
                """.formatted(session));
        Response trimmed = api.post("/v2/room_compositions", """
                {"session_id": "%s", "resolution": "160x120", "trim": true}
                """.formatted(session));

        JsonNode error = assertPointerProblem(untrimmed, "10015", "/trim");
        assertThat(error.path("detail").asString()).contains("6 s").contains("3 s");
        assertThat(trimmed.status()).as("%s", trimmed).isEqualTo(202);
    }
}
