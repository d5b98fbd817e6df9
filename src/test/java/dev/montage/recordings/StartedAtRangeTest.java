package dev.montage.recordings;

import static dev.montage.support.ApiAssertions.assertParameterProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.TestMedia;

/**
 * An upload's {@code started_at} lies between the Unix epoch and a day after the server's clock: a recording is
 * uploaded after it was made, so anything later is a wrong clock on the media server, never a recording.
 */
class StartedAtRangeTest extends ApiTest {

    @Test
    void theEpochItselfIsAccepted() {
        Response response = upload("1970-01-01T00:00:00Z");

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.data().path(0).path("started_at").asString()).isEqualTo("1970-01-01T00:00:00.000000Z");
    }

    @Test
    void anHourAheadOfTheServerIsClockSkewAndAccepted() {
        assertThat(upload(Instant.now().plus(Duration.ofHours(1)).toString()).status()).isEqualTo(201);
    }

    @Test
    void beforeTheEpochOrDaysAheadIsOutOfRange() {
        for (String startedAt : new String[] {"1969-12-31T23:59:59.999999Z", "0001-06-01T00:00:00Z",
                "-0001-06-01T00:00:00Z", Instant.now().plus(Duration.ofDays(2)).toString(),
                "+999999999-12-31T23:59:59Z"}) {
            var error = assertParameterProblem(upload(startedAt), "10033", "started_at");
            assertThat(error.path("detail").asString()).contains(startedAt).contains("1970-01-01T00:00:00.000000Z");
        }
    }

    private Response upload(String startedAt) {
        return api.upload("/v2/room_recordings", TestMedia.audioOnly(440, 1), "a.webm",
                Map.of("started_at", startedAt));
    }
}
