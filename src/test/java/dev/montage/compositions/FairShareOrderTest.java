package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.montage.support.ApiClient;
import dev.montage.support.ApiTest;
import dev.montage.support.OwnDatabase;
import tools.jackson.databind.JsonNode;

/**
 * An account that fills the queue does not hold another account's composition back by more than one render.
 * One job thread: account A queues eight compositions, then account B queues one; B's completes right after the
 * render of A's that was under way (or the one after it, had that started before B asked), never behind the rest
 * of A's queue.
 *
 * <p>The context has a database of its own: the other test contexts' queues would otherwise run some of these
 * jobs on threads of their own, and the order would say nothing.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class FairShareOrderTest extends ApiTest {

    private static final int QUEUED_BY_A = 8;

    @DynamicPropertySource
    static void oneThreadOwnDatabase(DynamicPropertyRegistry registry) {
        OwnDatabase.register(registry, "fair_order");
        registry.add("montage.jobs.threads", () -> "1");
    }

    @Test
    void anotherAccountsCompositionWaitsForAtMostOneRenderOfAnAccountThatQueuedMany() {
        ApiClient a = api;
        ApiClient b = newAccountClient();
        String bodyA = body(twoParticipantSession(a).sessionId());
        String bodyB = body(twoParticipantSession(b).sessionId());

        List<String> idsOfA = new ArrayList<>();
        for (int i = 0; i < QUEUED_BY_A; i++) {
            idsOfA.add(created(a.post("/v2/room_compositions", bodyA)));
        }
        String idOfB = created(b.post("/v2/room_compositions", bodyB));
        long stillEnqueued = idsOfA.stream()
                .filter(id -> status(a, id).equals("enqueued"))
                .count();
        // statuses only move on: at least this many of A's were waiting when B asked
        assertThat(stillEnqueued).as("A's compositions still waiting after B asked").isGreaterThanOrEqualTo(2);

        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250))
                .until(() -> idsOfA.stream().allMatch(id -> status(a, id).equals("completed"))
                        && status(b, idOfB).equals("completed"));

        Instant bCompleted = completedAt(b, idOfB);
        List<Instant> aCompletedAfterB = idsOfA.stream().map(id -> completedAt(a, id))
                .filter(at -> at.isAfter(bCompleted)).sorted(Comparator.naturalOrder()).toList();
        long aCompletedBeforeB = QUEUED_BY_A - aCompletedAfterB.size();
        // A's that completed before B: those done or rendering when B asked, and at most one more
        assertThat(aCompletedBeforeB).as("A's compositions completed before B's")
                .isLessThanOrEqualTo(QUEUED_BY_A - stillEnqueued + 1);
    }

    private static String body(String sessionId) {
        return "{\"session_id\": \"" + sessionId + "\", \"resolution\": \"320x120\"}";
    }

    private static String created(ApiClient.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        return response.data().path("id").asString();
    }

    private static String status(ApiClient client, String id) {
        JsonNode data = client.get("/v2/room_compositions/" + id).data();
        assertThat(data.path("status").asString()).as("composition " + id).isNotEqualTo("failed");
        return data.path("status").asString();
    }

    private static Instant completedAt(ApiClient client, String id) {
        return Instant.parse(client.get("/v2/room_compositions/" + id).data().path("completed_at").asString());
    }
}
