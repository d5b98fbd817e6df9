package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.montage.support.ApiClient;
import dev.montage.support.ApiTest;
import dev.montage.support.OwnDatabase;
import tools.jackson.databind.JsonNode;

/**
 * What one account may hold of the render queue: {@code montage.compositions.max-queued-per-account} compositions
 * enqueued or processing (beyond: 422), {@code montage.compositions.max-rendering-per-account} of them rendering at
 * once, while the node's other threads render other accounts' compositions.
 *
 * <p>Two job threads, at most one rendering per account, at most three queued. The context has a database of its
 * own: the other test contexts' queues, with their own limits, would otherwise run some of these jobs.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AccountQueueLimitsTest extends ApiTest {

    @DynamicPropertySource
    static void limitsOwnDatabase(DynamicPropertyRegistry registry) {
        OwnDatabase.register(registry, "fair_limits");
        registry.add("montage.jobs.threads", () -> "2");
        registry.add("montage.compositions.max-rendering-per-account", () -> "1");
        registry.add("montage.compositions.max-queued-per-account", () -> "3");
        registry.add("montage.compositions.busy-account-retry", () -> "200ms");
    }

    @Test
    void aPostBeyondTheQueuedLimitAnswers422AndFinishedCompositionsDoNotCount() {
        String body = body(twoParticipantSession(api).sessionId());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ApiClient.Response created = api.post("/v2/room_compositions", body);
            assertThat(created.status()).as(created.toString()).isEqualTo(202);
            ids.add(created.data().path("id").asString());
        }

        ApiClient.Response refused = api.post("/v2/room_compositions", body);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        JsonNode error = refused.error();
        assertThat(error.path("code").asString()).isEqualTo("10015");
        assertThat(error.path("detail").asString())
                .contains("has 3 compositions enqueued or processing").contains("at most 3");
        assertThat(api.get("/v2/room_compositions?page[size]=10").json().path("meta").path("total_results").asInt())
                .as("compositions of the account: the refused one was not created").isEqualTo(3);

        ids.forEach(id -> assertThat(awaitFinished(api, id, 120).path("status").asString()).isEqualTo("completed"));
        ApiClient.Response another = api.post("/v2/room_compositions", body);
        assertThat(another.status()).as("finished compositions leave the queue").isEqualTo(202);
        awaitFinished(api, another.data().path("id").asString(), 120);
    }

    /** The count and the insert are made with the account locked: simultaneous requests cannot all see room. */
    @Test
    void simultaneousPostsAdmitNoMoreThanTheQueuedLimit() {
        String body = body(twoParticipantSession(api).sessionId());
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<ApiClient.Response>> posts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            posts.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return api.post("/v2/room_compositions", body);
            }));
        }
        start.countDown();
        List<ApiClient.Response> answers = posts.stream().map(CompletableFuture::join).toList();
        JsonNode listed = api.get("/v2/room_compositions?page[size]=10").json();

        // a composition finished during the requests would rightly make room for one more: then this proves nothing
        assumeThat(listed.path("data").findValuesAsString("status")).doesNotContain("completed", "failed");
        assertThat(answers).extracting(ApiClient.Response::status).containsOnly(202, 422);
        assertThat(answers.stream().filter(answer -> answer.status() == 202).count()).as("admitted").isEqualTo(3);
        assertThat(listed.path("meta").path("total_results").asInt()).as("compositions created").isEqualTo(3);
        // leave the threads free for the other tests of this context, which count what runs at once
        answers.stream().filter(answer -> answer.status() == 202)
                .forEach(answer -> awaitFinished(api, answer.data().path("id").asString(), 120));
    }

    @Test
    void anAccountRendersAtMostItsLimitAtOnceWhileAnotherAccountUsesTheFreeThread() {
        ApiClient a = api;
        ApiClient b = newAccountClient();
        String bodyA = body(twoParticipantSession(a).sessionId());
        String bodyB = body(twoParticipantSession(b).sessionId());
        List<String> idsOfA = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            idsOfA.add(a.post("/v2/room_compositions", bodyA).data().path("id").asString());
        }
        String idOfB = b.post("/v2/room_compositions", bodyB).data().path("id").asString();

        AtomicInteger mostOfAProcessing = new AtomicInteger();
        AtomicBoolean aWaitedEnqueuedWhileItRendered = new AtomicBoolean();
        AtomicBoolean bRenderedBesideA = new AtomicBoolean();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50)).until(() -> {
            // A's statuses in one read (one query), so "at once" means at once; B's read before and after it: a
            // status only moves on, so B processing at both ends was processing throughout
            String ofBBefore = status(b, idOfB);
            List<String> ofA = statuses(a);
            String ofB = status(b, idOfB);
            long aProcessing = ofA.stream().filter("processing"::equals).count();
            mostOfAProcessing.accumulateAndGet((int) aProcessing, Math::max);
            aWaitedEnqueuedWhileItRendered.compareAndSet(false, aProcessing > 0 && ofA.contains("enqueued"));
            bRenderedBesideA.compareAndSet(false,
                    aProcessing > 0 && ofBBefore.equals("processing") && ofB.equals("processing"));
            return ofA.size() == idsOfA.size() && ofA.stream().allMatch("completed"::equals)
                    && ofB.equals("completed");
        });

        assertThat(mostOfAProcessing.get()).as("A's compositions processing at once").isEqualTo(1);
        assertThat(aWaitedEnqueuedWhileItRendered.get()).as("one of A's waited, enqueued, while another rendered")
                .isTrue();
        assertThat(bRenderedBesideA.get()).as("B's composition rendered on the thread A could not use").isTrue();
    }

    private static String body(String sessionId) {
        return "{\"session_id\": \"" + sessionId + "\", \"resolution\": \"320x120\"}";
    }

    /** The statuses of all the account's compositions, as one list request reads them. */
    private static List<String> statuses(ApiClient client) {
        List<String> statuses = client.get("/v2/room_compositions?page[size]=10").json().path("data")
                .findValuesAsString("status");
        assertThat(statuses).doesNotContain("failed");
        return statuses;
    }

    private static String status(ApiClient client, String id) {
        String status = client.get("/v2/room_compositions/" + id).data().path("status").asString();
        assertThat(status).as("composition " + id).isNotEqualTo("failed");
        return status;
    }
}
