package dev.montage.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;

/**
 * An idempotent repeat that waits for its twin's answer gives its turn back meanwhile (docs/api.md#busy-nodes):
 * otherwise twins could hold every turn while the requests they wait for, or anyone else's, stand in the queue.
 */
@Import(HeldRequests.class)
@TestPropertySource(properties = {"montage.admission.max-concurrent=2", "montage.admission.max-queued=2",
        "montage.admission.max-wait=20s"})
class AdmissionIdempotencyTest extends ApiTest {

    @Autowired
    HeldRequests held;

    @Autowired
    ApiTurns turns;

    @AfterEach
    void letGo() {
        held.releaseAll();
        await().atMost(Duration.ofSeconds(15)).until(() -> turns.running() == 0 && turns.waiting() == 0);
        held.hold();
    }

    @Test
    void aRepeatWaitingForItsTwin_givesItsTurnBack() throws Exception {
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        CompletableFuture<Response> first = CompletableFuture.supplyAsync(
                () -> api.send("POST", "/v2/_held", key, "{}"));
        await().until(() -> held.inside() == 1);
        CompletableFuture<Response> other = CompletableFuture.supplyAsync(() -> api.get("/v2/_held"));
        await().until(() -> held.inside() == 2 && turns.running() == 2);
        CompletableFuture<Response> repeat = CompletableFuture.supplyAsync(
                () -> api.send("POST", "/v2/_held", key, "{}"));
        await().until(() -> turns.waiting() == 1);

        // the held GET ends; the repeat takes its turn, finds its twin running, and steps aside while it waits
        held.releaseGets();
        assertThat(other.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> turns.waiting() == 0 && turns.running() == 1);
        assertThat(repeat).isNotDone();

        Response meanwhile = api.get("/v2/rooms");
        assertThat(meanwhile.status()).as("a turn is free while the repeat waits: %s", meanwhile).isEqualTo(200);
        assertThat(first).as("its twin still runs").isNotDone();

        held.releasePosts();
        Response answer = first.get(10, TimeUnit.SECONDS);
        Response replayed = repeat.get(15, TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.body()).isEqualTo(answer.body()).contains("posted");
        assertThat(replayed.headers().get("idempotent-replayed")).isEqualTo("true");
    }
}
