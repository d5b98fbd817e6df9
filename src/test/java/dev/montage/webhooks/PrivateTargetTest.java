package dev.montage.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import dev.montage.support.ApiTest;
import dev.montage.support.WebhookReceiver;
import tools.jackson.databind.JsonNode;

/**
 * With {@code montage.webhooks.allow-private-targets} off (the default), a URL on this machine's own loopback
 * is refused: nothing is sent, the refusal is recorded with its reason, and it is not retried.
 */
@TestPropertySource(properties = {"montage.webhooks.auto-start=true", "montage.webhooks.allow-private-targets=false",
        "montage.webhooks.base-delay=100ms", "montage.webhooks.polling-interval=50ms",
        "montage.jobs.polling-interval=200ms"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PrivateTargetTest extends ApiTest {

    @Test
    void aTargetOnLoopbackIsRefusedAndNotRetried() {
        try (WebhookReceiver receiver = WebhookReceiver.start(WebhookReceiver.status(200))) {
            String failoverUrl = receiver.url().replace("127.0.0.1", "localhost");
            TwoParticipantSession session = twoParticipantSession(api);
            String id = api.post("/v2/room_compositions", """
                    {"session_id": "%s", "resolution": "160x120", "webhook_event_url": "%s",
                     "webhook_event_failover_url": "%s"}""".formatted(session.sessionId(), receiver.url(), failoverUrl))
                    .data().path("id").asString();
            awaitFinished(api, id, 60);

            List<JsonNode> attempts = awaitAttempts(id, 2);
            sleep(1000); // time for retries, were there any
            assertThat(api.get("/v2/room_compositions/" + id + "/webhook_deliveries").data()).hasSize(2);
            assertThat(receiver.deliveries()).isEmpty();
            assertThat(attempts).extracting(a -> a.path("target").asString()).containsExactly("failover", "primary");
            for (JsonNode attempt : attempts) {
                assertThat(attempt.path("outcome").asString()).isEqualTo("refused");
                assertThat(attempt.path("status_code").isNull()).isTrue();
                assertThat(attempt.path("attempt").asInt()).isEqualTo(1);
                assertThat(attempt.path("error").asString()).contains("a loopback address")
                        .contains("montage.webhooks.allow-private-targets");
            }
            assertThat(attempts.get(1).path("error").asString()).startsWith("refused: 127.0.0.1 resolves to 127.0.0.1");
            assertThat(attempts.get(0).path("error").asString()).startsWith("refused: localhost resolves to");
        }
    }

    private List<JsonNode> awaitAttempts(String compositionId, int n) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            JsonNode data = api.get("/v2/room_compositions/" + compositionId + "/webhook_deliveries").data();
            if (data.size() >= n) {
                return data.valueStream().toList();
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("expected " + n + " attempts, got " + data);
            }
            sleep(50);
        }
    }
}
