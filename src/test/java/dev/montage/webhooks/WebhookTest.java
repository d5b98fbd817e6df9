package dev.montage.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import dev.montage.support.ApiClient;
import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.Ed25519Verifier;
import dev.montage.support.WebhookReceiver.Delivery;
import tools.jackson.databind.JsonNode;

/**
 * Base of the tests that watch webhooks arrive: a node that delivers (the shared test context does not), to
 * receivers on 127.0.0.1, with short delays. Each class gets a context of its own, closed after it, so no
 * other delivering node with other settings takes its events.
 */
@TestPropertySource(properties = {"montage.webhooks.auto-start=true", "montage.webhooks.allow-private-targets=true",
        "montage.webhooks.attempts=3", "montage.webhooks.base-delay=200ms", "montage.webhooks.polling-interval=50ms",
        "montage.jobs.heartbeat-interval=1s", "montage.jobs.polling-interval=200ms"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class WebhookTest extends ApiTest {

    static final Duration DELIVERY_WAIT = Duration.ofSeconds(30);

    /** A composition of {@code session} at 160x120 with these extra fields; answers its id. */
    String compose(String sessionId, String extraFields) {
        Response created = api.post("/v2/room_compositions", """
                {"session_id": "%s", "resolution": "160x120"%s}""".formatted(sessionId,
                extraFields.isEmpty() ? "" : ", " + extraFields));
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        return created.data().path("id").asString();
    }

    /** Verifies signatures as a receiver does, with the key the API publishes. */
    Ed25519Verifier verifier() {
        return new Ed25519Verifier(api.get("/v2/webhooks/public_key").data().path("public_key").asString());
    }

    void assertSigned(Delivery delivery) {
        assertThat(verifier().verify(delivery.timestamp(), delivery.body(), delivery.signature()))
                .as("signature of %s", delivery.text()).isTrue();
    }

    /** Every delivery attempt of the composition, newest first, once there are {@code n} of them. */
    List<JsonNode> awaitAttempts(ApiClient client, String compositionId, int n) {
        long deadline = System.currentTimeMillis() + DELIVERY_WAIT.toMillis();
        while (true) {
            Response list = client.get("/v2/room_compositions/" + compositionId + "/webhook_deliveries?page[size]=250"
                    .replace("[", "%5B").replace("]", "%5D"));
            assertThat(list.status()).as(list.toString()).isEqualTo(200);
            List<JsonNode> attempts = new ArrayList<>();
            list.data().forEach(attempts::add);
            if (attempts.size() >= n) {
                return attempts;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("expected " + n + " delivery attempts of " + compositionId + ", got " + list);
            }
            sleep(50);
        }
    }
}
