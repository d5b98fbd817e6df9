package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.montage.support.ApiTest;
import dev.montage.support.LyingMedia;
import dev.montage.support.MediaFacts;
import tools.jackson.databind.JsonNode;

/**
 * A recording whose container claims ten hours but whose packets last three seconds (issue 8, defect 2): it is
 * stored with the measured length, and composing it renders three seconds, not ten hours.
 */
class ClaimedDurationTest extends ApiTest {

    @Test
    void aRecordingClaimingTenHoursIsStoredAndComposedWithItsMeasuredLength() {
        JsonNode recordings = upload(api, LyingMedia.webmClaimingTenHoursMore("red", 440, 3),
                Map.of("started_at", "2024-05-01T10:00:00Z", "participant_context", "liar"));

        assertThat(recordings).hasSize(2);
        for (JsonNode recording : recordings) {
            assertThat(recording.path("duration_secs").asLong()).as(recording.path("type").asString()).isEqualTo(3);
            Duration span = Duration.between(Instant.parse(recording.path("started_at").asString()),
                    Instant.parse(recording.path("ended_at").asString()));
            assertThat(span).isBetween(Duration.ofMillis(2900), Duration.ofMillis(3100));
        }
        String session = recordings.path(0).path("session_id").asString();
        JsonNode participant = api.get("/v2/room_participants/" + recordings.path(0).path("participant_id").asString())
                .data();
        assertThat(Instant.parse(participant.path("left_at").asString()))
                .isBefore(Instant.parse("2024-05-01T10:00:04Z"));

        // trim off: the timeline runs from the first start to the last end of every recording, claims included
        Path out = composeAndDownload(api, """
                {"session_id": "%s", "resolution": "160x120", "trim": false}
                """.formatted(session));

        MediaFacts facts = MediaFacts.of(out);
        assertThat(facts.durationSeconds()).isCloseTo(3.0, within(0.2));
    }
}
