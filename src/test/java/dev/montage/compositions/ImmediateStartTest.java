package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.montage.support.ApiTest;
import tools.jackson.databind.JsonNode;

/**
 * A composition created on a node with a free job thread starts at once, not at the queue's next poll. The
 * polling interval here is ten minutes, far beyond the wait: only the wake-up after the create's commit can
 * start the job in time.
 */
@TestPropertySource(properties = "montage.jobs.polling-interval=10m")
class ImmediateStartTest extends ApiTest {

    @Test
    void aNewCompositionStartsWithoutWaitingForThePoll() {
        TwoParticipantSession session = twoParticipantSession(api);
        String body = "{\"session_id\": \"" + session.sessionId() + "\", \"resolution\": \"320x120\"}";

        String first = api.post("/v2/room_compositions", body).data().path("id").asString();
        JsonNode firstDone = awaitFinished(api, first, 60);
        // a second one too: the wake-up is not only the scheduler's first poll after start-up
        String second = api.post("/v2/room_compositions", body).data().path("id").asString();
        JsonNode secondDone = awaitFinished(api, second, 60);

        assertThat(firstDone.path("status").asString()).isEqualTo("completed");
        assertThat(secondDone.path("status").asString()).isEqualTo("completed");
    }
}
