package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.montage.support.ApiTest;

/**
 * {@code montage.jobs.threads} compositions run at once on a node; the others wait in the queue, enqueued,
 * and run after. Three compositions are created at once on a node with one job thread, and their statuses
 * are watched until all are done.
 */
@TestPropertySource(properties = "montage.jobs.threads=1")
class QueueConcurrencyTest extends ApiTest {

    @Test
    void aNodeRunsAsManyCompositionsAsItHasJobThreadsAndTheRestWait() {
        TwoParticipantSession session = twoParticipantSession(api);
        String body = "{\"session_id\": \"" + session.sessionId() + "\", \"resolution\": \"320x120\"}";
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(api.post("/v2/room_compositions", body).data().path("id").asString());
        }

        int mostProcessing = 0;
        boolean sawOneWaitWhileAnotherRan = false;
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            List<String> statuses = ids.stream()
                    .map(id -> api.get("/v2/room_compositions/" + id).data().path("status").asString())
                    .toList();
            long processing = statuses.stream().filter("processing"::equals).count();
            mostProcessing = Math.max(mostProcessing, (int) processing);
            sawOneWaitWhileAnotherRan |= processing > 0 && statuses.contains("enqueued");
            if (statuses.stream().allMatch("completed"::equals)) {
                break;
            }
            assertThat(statuses).doesNotContain("failed");
            sleep(50);
        }

        assertThat(ids).allSatisfy(id -> assertThat(api.get("/v2/room_compositions/" + id).data()
                .path("status").asString()).isEqualTo("completed"));
        assertThat(mostProcessing).as("compositions processing at once").isEqualTo(1);
        assertThat(sawOneWaitWhileAnotherRan).as("a composition waited, enqueued, while another ran").isTrue();
    }
}
