package dev.montage.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.montage.support.ApiAssertions;
import dev.montage.support.Ed25519Verifier;
import dev.montage.support.MediaFacts;
import dev.montage.support.WebhookReceiver;
import dev.montage.support.WebhookReceiver.Delivery;
import tools.jackson.databind.JsonNode;

/**
 * The composition events against real receivers: signed, sent once when answered 2xx, retried with growing
 * waits on failure, then sent to the failover URL with the same event id; timeouts and redirects are failures.
 */
class CompositionWebhookTest extends WebhookTest {

    @Test
    void completedEventArrivesOnceWithAValidSignature() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start(WebhookReceiver.status(200))) {
            TwoParticipantSession session = twoParticipantSession(api);
            String id = compose(session.sessionId(), "\"webhook_event_url\": \"" + receiver.url() + "\"");
            JsonNode done = awaitFinished(api, id, 60);
            assertThat(done.path("status").asString()).isEqualTo("completed");

            Delivery delivery = receiver.await(1, DELIVERY_WAIT).get(0);
            sleep(1000); // time for a duplicate, were one to come
            assertThat(receiver.deliveries()).hasSize(1);

            assertThat(delivery.contentType()).startsWith("application/json");
            JsonNode data = delivery.data();
            assertThat(data.path("event_type").asString()).isEqualTo("video.room.composition.completed");
            assertThat(data.path("record_type").asString()).isEqualTo("event");
            assertThat(UUID.fromString(data.path("id").asString())).isNotNull();
            assertThat(data.path("occurred_at").asString()).matches(ApiAssertions.TIMESTAMP)
                    .isEqualTo(done.path("completed_at").asString());
            JsonNode payload = data.path("payload");
            assertThat(payload.path("composition_id").asString()).isEqualTo(id);
            assertThat(payload.path("room_id").asString()).isEqualTo(session.roomId());
            assertThat(payload.path("session_id").asString()).isEqualTo(session.sessionId());
            assertThat(payload.path("duration_secs").asInt()).isEqualTo(done.path("duration_secs").asInt()).isEqualTo(3);
            assertThat(payload.path("format").asString()).isEqualTo("mp4");
            assertThat(payload.path("resolution").asString()).isEqualTo("160x120");
            assertThat(payload.path("size_mb").decimalValue()).isEqualByComparingTo(done.path("size_mb").decimalValue());
            Path file = download(payload.path("download_url").asString());
            assertThat(Files.size(file)).isPositive();
            assertThat(MediaFacts.of(file).width()).isEqualTo(160);
            assertThat(delivery.attempt()).isEqualTo(1);
            assertThat(delivery.deliveredTo()).isEqualTo(receiver.url());

            long timestamp = Long.parseLong(delivery.timestamp());
            assertThat(timestamp).isBetween(Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond());
            Ed25519Verifier verifier = verifier();
            assertThat(verifier.verify(delivery.timestamp(), delivery.body(), delivery.signature())).isTrue();
            byte[] tampered = delivery.text().replace("160x120", "320x240").getBytes(StandardCharsets.UTF_8);
            assertThat(tampered).isNotEqualTo(delivery.body());
            assertThat(verifier.verify(delivery.timestamp(), tampered, delivery.signature())).isFalse();
            assertThat(verifier.verify(Long.toString(timestamp + 1), delivery.body(), delivery.signature())).isFalse();

            List<JsonNode> attempts = awaitAttempts(api, id, 1);
            assertThat(attempts).hasSize(1);
            JsonNode attempt = attempts.get(0);
            assertThat(attempt.path("record_type").asString()).isEqualTo("webhook_delivery");
            assertThat(attempt.path("event_id").asString()).isEqualTo(delivery.eventId());
            assertThat(attempt.path("event_type").asString()).isEqualTo("video.room.composition.completed");
            assertThat(attempt.path("target").asString()).isEqualTo("primary");
            assertThat(attempt.path("url").asString()).isEqualTo(receiver.url());
            assertThat(attempt.path("attempt").asInt()).isEqualTo(1);
            assertThat(attempt.path("outcome").asString()).isEqualTo("delivered");
            assertThat(attempt.path("status_code").asInt()).isEqualTo(200);
            assertThat(attempt.path("error").isNull()).isTrue();
            assertThat(attempt.path("attempted_at").asString()).matches(ApiAssertions.TIMESTAMP);
        }
    }

    @Test
    void primaryAnswering500FailsOverWithTheSameEventAfterItsAttempts() {
        try (WebhookReceiver primary = WebhookReceiver.start(WebhookReceiver.status(500));
                WebhookReceiver failover = WebhookReceiver.start(WebhookReceiver.status(200))) {
            TwoParticipantSession session = twoParticipantSession(api);
            String id = compose(session.sessionId(), "\"webhook_event_url\": \"" + primary.url()
                    + "\", \"webhook_event_failover_url\": \"" + failover.url() + "\"");

            Delivery delivered = failover.await(1, DELIVERY_WAIT).get(0);
            List<Delivery> failed = primary.deliveries();
            assertThat(failed).extracting(Delivery::attempt).containsExactly(1, 2, 3);
            assertThat(failed).extracting(Delivery::deliveredTo).containsOnly(primary.url());
            assertThat(failed).extracting(Delivery::eventId).containsOnly(delivered.eventId());
            assertThat(failed).extracting(Delivery::data).containsOnly(delivered.data());
            assertThat(delivered.attempt()).isEqualTo(1);
            assertThat(delivered.deliveredTo()).isEqualTo(failover.url());
            failed.forEach(this::assertSigned);
            assertSigned(delivered);
            // exponential backoff with jitter: base 200 ms, so at least 100 ms, then at least 200 ms
            assertThat(Duration.between(failed.get(0).arrivedAt(), failed.get(1).arrivedAt())).isGreaterThan(Duration.ofMillis(100));
            assertThat(Duration.between(failed.get(1).arrivedAt(), failed.get(2).arrivedAt())).isGreaterThan(Duration.ofMillis(200));

            List<JsonNode> attempts = awaitAttempts(api, id, 4);
            assertThat(attempts).hasSize(4);
            JsonNode newest = attempts.get(0);
            assertThat(newest.path("target").asString()).isEqualTo("failover");
            assertThat(newest.path("outcome").asString()).isEqualTo("delivered");
            for (JsonNode attempt : attempts.subList(1, 4)) {
                assertThat(attempt.path("target").asString()).isEqualTo("primary");
                assertThat(attempt.path("outcome").asString()).isEqualTo("failed");
                assertThat(attempt.path("status_code").asInt()).isEqualTo(500);
                assertThat(attempt.path("error").asString()).isEqualTo("HTTP 500");
            }
            assertThat(attempts).extracting(a -> a.path("attempt").asInt()).containsExactly(1, 3, 2, 1);

            JsonNode page = api.get("/v2/room_compositions/" + id + "/webhook_deliveries?page%5Bsize%5D=3&page%5Bnumber%5D=2").json();
            assertThat(page.path("data")).hasSize(1);
            assertThat(page.path("meta").path("total_results").asInt()).isEqualTo(4);
            assertThat(page.path("meta").path("total_pages").asInt()).isEqualTo(2);
            assertThat(page.path("data").path(0).path("id")).isEqualTo(attempts.get(3).path("id"));
        }
    }

    @Test
    void primarySlowerThanTheTimeoutFailsOver() {
        try (WebhookReceiver primary = WebhookReceiver.start(WebhookReceiver.slow(Duration.ofMillis(2500), 200));
                WebhookReceiver failover = WebhookReceiver.start(WebhookReceiver.status(204))) {
            TwoParticipantSession session = twoParticipantSession(api);
            String id = compose(session.sessionId(), "\"webhook_event_url\": \"" + primary.url()
                    + "\", \"webhook_event_failover_url\": \"" + failover.url() + "\", \"webhook_timeout_secs\": 1");

            Delivery delivered = failover.await(1, DELIVERY_WAIT).get(0);
            assertThat(primary.deliveries()).extracting(Delivery::eventId).hasSize(3).containsOnly(delivered.eventId());
            List<JsonNode> attempts = awaitAttempts(api, id, 4);
            for (JsonNode attempt : attempts.subList(1, 4)) {
                assertThat(attempt.path("outcome").asString()).isEqualTo("failed");
                assertThat(attempt.path("status_code").isNull()).isTrue();
                assertThat(attempt.path("error").asString()).isEqualTo("no answer within 1.0 s");
            }
            assertThat(attempts.get(0).path("status_code").asInt()).isEqualTo(204);
        }
    }

    @Test
    void aRedirectIsAFailureAndIsNotFollowed() {
        try (WebhookReceiver failover = WebhookReceiver.start(WebhookReceiver.status(200));
                WebhookReceiver primary = WebhookReceiver.start(WebhookReceiver.redirectTo(failover.url()))) {
            TwoParticipantSession session = twoParticipantSession(api);
            String id = compose(session.sessionId(), "\"webhook_event_url\": \"" + primary.url()
                    + "\", \"webhook_event_failover_url\": \"" + failover.url() + "\"");

            failover.await(1, DELIVERY_WAIT);
            sleep(500);
            // followed redirects would have reached the failover receiver with the primary's URL in meta
            assertThat(failover.deliveries()).extracting(Delivery::deliveredTo).containsExactly(failover.url());
            assertThat(primary.deliveries()).hasSize(3);
            List<JsonNode> attempts = awaitAttempts(api, id, 4);
            for (JsonNode attempt : attempts.subList(1, 4)) {
                assertThat(attempt.path("status_code").asInt()).isEqualTo(301);
                assertThat(attempt.path("outcome").asString()).isEqualTo("failed");
                assertThat(attempt.path("error").asString()).contains("redirects are not followed");
            }
        }
    }

    @Test
    void failedCompositionSendsTheFailedEvent() {
        try (WebhookReceiver receiver = WebhookReceiver.start(WebhookReceiver.status(200))) {
            TwoParticipantSession session = twoParticipantSession(api);
            String id = compose(session.sessionId(), """
                    "video_layout": {"r": {"video_sources": []}}, "audio_sources": [], "webhook_event_url": "%s"
                    """.formatted(receiver.url()));
            JsonNode done = awaitFinished(api, id, 60);
            assertThat(done.path("status").asString()).isEqualTo("failed");

            Delivery delivery = receiver.await(1, DELIVERY_WAIT).get(0);
            assertSigned(delivery);
            assertThat(delivery.eventType()).isEqualTo("video.room.composition.failed");
            JsonNode payload = delivery.data().path("payload");
            assertThat(payload.path("composition_id").asString()).isEqualTo(id);
            assertThat(payload.path("room_id").asString()).isEqualTo(session.roomId());
            assertThat(payload.path("session_id").asString()).isEqualTo(session.sessionId());
            assertThat(payload.path("failure_reason").asString()).isEqualTo(done.path("failure_reason").asString())
                    .isEqualTo("The session has no video and no audio to compose");
        }
    }

    @Test
    void aResponseBodyIsReadOnlyUpTo64KB() {
        try (WebhookReceiver receiver = WebhookReceiver.start(WebhookReceiver.endlessBody())) {
            TwoParticipantSession session = twoParticipantSession(api);
            String id = compose(session.sessionId(), "\"webhook_event_url\": \"" + receiver.url() + "\"");
            // reading the endless body would run into the timeout and fail the attempt
            JsonNode attempt = awaitAttempts(api, id, 1).get(0);
            assertThat(attempt.path("outcome").asString()).as(attempt.toString()).isEqualTo("delivered");
            sleep(500);
            assertThat(receiver.deliveries()).hasSize(1);
        }
    }

    @Test
    void aCompositionWithoutWebhookUrlSendsNothing() {
        TwoParticipantSession session = twoParticipantSession(api);
        String id = compose(session.sessionId(), "");
        awaitFinished(api, id, 60);
        JsonNode list = api.get("/v2/room_compositions/" + id + "/webhook_deliveries").json();
        assertThat(list.path("data")).isEmpty();
        assertThat(list.path("meta").path("total_results").asInt()).isZero();
    }
}
