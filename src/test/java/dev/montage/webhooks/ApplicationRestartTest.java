package dev.montage.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.montage.MontageApplication;
import dev.montage.accounts.AccountService;
import dev.montage.support.ApiClient;
import dev.montage.support.ApiClient.Response;
import dev.montage.support.TestMedia;
import dev.montage.support.WebhookReceiver;
import dev.montage.support.WebhookReceiver.Delivery;
import tools.jackson.databind.JsonNode;

/**
 * A whole application restart between two attempts of one webhook: the first instance composes, makes the
 * first attempt (refused by the receiver) and is shut down; a second instance, started afresh on the same
 * database and data folder, makes the second attempt with the same event. Nothing of the delivery lived in
 * the first instance's memory.
 */
class ApplicationRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aWebhookSurvivesARestartOfTheApplication() {
        try (WebhookReceiver receiver = WebhookReceiver.start(WebhookReceiver.inTurn(
                WebhookReceiver.status(503), WebhookReceiver.status(200)))) {
            String key;
            String compositionId;
            Instant firstInstanceClosed;
            try (ConfigurableApplicationContext first = startInstance()) {
                key = first.getBean(AccountService.class).createAccount().apiKey();
                ApiClient api = new ApiClient(port(first), key);
                String session = upload(api, TestMedia.webm("red", 440, 2), Map.of("started_at", "2024-05-01T10:00:00Z"))
                        .path(0).path("session_id").asString();
                Response created = api.post("/v2/room_compositions", """
                        {"session_id": "%s", "resolution": "160x120", "webhook_event_url": "%s"}"""
                        .formatted(session, receiver.url()));
                assertThat(created.status()).isEqualTo(202);
                compositionId = created.data().path("id").asString();
                assertThat(receiver.await(1, WAIT).get(0).attempt()).isEqualTo(1);
                awaitAttempts(api, compositionId, 1);
                firstInstanceClosed = Instant.now();
            }
            assertThat(receiver.deliveries()).as("the retry is not due before the first instance is gone").hasSize(1);

            try (ConfigurableApplicationContext second = startInstance()) {
                List<Delivery> deliveries = receiver.await(2, WAIT);
                Delivery first = deliveries.get(0);
                Delivery retry = deliveries.get(1);
                assertThat(retry.arrivedAt()).isAfter(firstInstanceClosed);
                assertThat(retry.eventId()).isEqualTo(first.eventId());
                assertThat(retry.eventType()).isEqualTo("video.room.composition.completed");
                assertThat(retry.attempt()).isEqualTo(2);
                assertThat(retry.data()).isEqualTo(first.data());

                List<JsonNode> attempts = awaitAttempts(new ApiClient(port(second), key), compositionId, 2);
                assertThat(attempts).extracting(a -> a.path("status_code").asInt()).containsExactlyInAnyOrder(503, 200);
            }
        }
    }

    /** A full instance, as {@code java -jar} starts it, on the test database and a data folder of its own. */
    private static ConfigurableApplicationContext startInstance() {
        return new SpringApplicationBuilder(MontageApplication.class)
                .profiles("test")
                // command-line arguments, as an operator would pass them: they win over the test profile's file
                .run("--server.port=0",
                        "--montage.data-dir=target/test-data-restart",
                        "--montage.webhooks.auto-start=true",
                        "--montage.webhooks.allow-private-targets=true",
                        // long enough that the retry falls due only after the first instance has stopped
                        "--montage.webhooks.base-delay=12s");
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private static JsonNode upload(ApiClient api, byte[] media, Map<String, String> fields) {
        Response response = api.upload("/v2/room_recordings", media, "track.webm", fields);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.data();
    }

    private static List<JsonNode> awaitAttempts(ApiClient api, String compositionId, int n) {
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        while (System.currentTimeMillis() < deadline) {
            JsonNode data = api.get("/v2/room_compositions/" + compositionId + "/webhook_deliveries").data();
            if (data.size() >= n) {
                List<JsonNode> attempts = new java.util.ArrayList<>();
                data.forEach(attempts::add);
                return attempts;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("fewer than " + n + " attempts recorded for " + compositionId);
    }
}
