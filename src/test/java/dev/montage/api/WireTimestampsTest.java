package dev.montage.api;

import static dev.montage.support.ApiAssertions.TIMESTAMP;
import static dev.montage.support.ApiAssertions.assertWireTimestamps;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.TestMedia;
import tools.jackson.databind.JsonNode;

/** Timestamps on the wire are ISO 8601 UTC with exactly six fractional digits and {@code Z}, everywhere. */
class WireTimestampsTest extends ApiTest {

    @Test
    void everyTimestampOfEveryResourceHasMicrosecondsAndZ() {
        TwoParticipantSession fixture = twoParticipantSession(api);
        api.patch("/v2/rooms/" + fixture.roomId(), "{\"unique_name\":\"patched\"}");
        api.post("/v2/room_sessions/" + fixture.sessionId() + "/actions/end", "");

        int checked = 0;
        for (String path : new String[] {
                "/v2/rooms?include_sessions=true",
                "/v2/rooms/" + fixture.roomId() + "?include_sessions=true",
                "/v2/rooms/" + fixture.roomId() + "/sessions?include_participants=true",
                "/v2/room_sessions?include_participants=true",
                "/v2/room_sessions/" + fixture.sessionId() + "?include_participants=true",
                "/v2/room_sessions/" + fixture.sessionId() + "/participants",
                "/v2/room_participants",
                "/v2/room_participants/" + fixture.participant(fixture.alice()),
                "/v2/room_recordings",
                "/v2/room_recordings/" + fixture.recording(fixture.bob(), "video")}) {
            Response response = api.get(path);
            assertThat(response.status()).as(path).isEqualTo(200);
            checked += assertWireTimestamps(response.json());
        }

        // none is null here: a room has 2, the ended session 3, a participant 3 and a recording 5; the paths above
        // show the room with its session twice (5 + 5), the session with its 2 participants three times (3 x 9),
        // the participants twice (6 + 6) and once alone (3), the 4 recordings (20) and one alone (5)
        assertThat(checked).isEqualTo(77);
    }

    @Test
    void startedAtIsTruncatedToMicrosecondsAndShownInUtc() {
        JsonNode nanos = upload(api, TestMedia.audioOnly(440, 1),
                Map.of("started_at", "2024-05-01T10:00:00.123456789Z")).path(0);
        JsonNode whole = upload(api, TestMedia.audioOnly(440, 1),
                Map.of("started_at", "2024-05-01T10:00:00-05:30")).path(0);

        assertThat(nanos.path("started_at").asString()).isEqualTo("2024-05-01T10:00:00.123456Z");
        assertThat(whole.path("started_at").asString()).isEqualTo("2024-05-01T15:30:00.000000Z");
        assertThat(whole.path("ended_at").asString()).matches(TIMESTAMP);
        JsonNode participant = api.get("/v2/room_participants/" + whole.path("participant_id").asString()).data();
        assertThat(participant.path("joined_at").asString()).isEqualTo("2024-05-01T15:30:00.000000Z");
    }
}
