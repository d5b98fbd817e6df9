package dev.montage.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.montage.support.TestMedia;
import dev.montage.support.WebhookReceiver;
import dev.montage.support.WebhookReceiver.Delivery;
import tools.jackson.databind.JsonNode;

/**
 * Deliveries live in the database, not in a node: a delivery queue stopped between attempts (its db-scheduler
 * thrown away, as in a restart) makes the next attempt when it starts again, and an attempt left by a node
 * that died is made by another once that node's heartbeat is missing.
 */
class DeliveryRestartTest extends WebhookTest {

    @Autowired
    private DeliveryQueue queue;

    @Autowired
    private JdbcClient jdbc;

    @AfterEach
    void queueRunsAgain() {
        queue.start();
    }

    @Test
    void aRestartBetweenAttemptsStillDelivers() {
        try (WebhookReceiver receiver = WebhookReceiver.start(WebhookReceiver.inTurn(
                WebhookReceiver.status(503), WebhookReceiver.status(200)))) {
            TwoParticipantSession session = twoParticipantSession(api);
            String id = compose(session.sessionId(), "\"webhook_event_url\": \"" + receiver.url() + "\"");
            Delivery first = receiver.await(1, DELIVERY_WAIT).get(0);

            queue.stop(); // lets the running attempt finish: it records the failure and schedules the retry
            assertThat(awaitAttempts(api, id, 1).get(0).path("status_code").asInt()).isEqualTo(503);
            assertThat(pendingExecutions(first.eventId())).isEqualTo(1);
            sleep(1500); // far past the retry's due time (base delay 200 ms)
            assertThat(receiver.deliveries()).as("nothing is sent while the queue is stopped").hasSize(1);

            queue.start();
            Delivery second = receiver.await(2, DELIVERY_WAIT).get(1);
            assertThat(second.eventId()).isEqualTo(first.eventId());
            assertThat(second.attempt()).isEqualTo(2);
            assertThat(second.data()).isEqualTo(first.data());
            assertSigned(second);
            List<JsonNode> attempts = awaitAttempts(api, id, 2);
            assertThat(attempts.get(0).path("outcome").asString()).isEqualTo("delivered");
            awaitNoPendingExecution(first.eventId());
            assertThat(eventStatus(first.eventId())).isEqualTo("delivered");
        }
    }

    @Test
    void anAttemptLeftByADeadNodeIsMadeByAnother() {
        try (WebhookReceiver receiver = WebhookReceiver.start(WebhookReceiver.status(200))) {
            queue.stop();
            String roomId = createRoom(api, "{\"webhook_event_url\": \"" + receiver.url() + "\"}").path("id").asString();
            upload(api, TestMedia.audioOnly(440, 1), Map.of("started_at", "2024-05-01T10:00:00Z", "room_id", roomId));
            // session.started, participant.joined, recording.completed: all picked by a node that then died
            List<String> eventIds = jdbc.sql("select id from webhook_events where event_url = :url")
                    .param("url", receiver.url()).query(UUID.class).list().stream().map(UUID::toString).toList();
            assertThat(eventIds).hasSize(3);
            for (String eventId : eventIds) {
                int picked = jdbc.sql("""
                        update webhook_tasks set picked = true, picked_by = 'node-that-died',
                                                 last_heartbeat = :heartbeat, version = version + 1
                         where task_name = :task and task_instance = :id and not picked
                        """)
                        .param("heartbeat", Instant.now().minusSeconds(600).atOffset(ZoneOffset.UTC))
                        .param("task", DeliveryQueue.TASK_NAME)
                        .param("id", eventId)
                        .update();
                assertThat(picked).isEqualTo(1);
            }

            queue.start();
            List<Delivery> delivered = receiver.await(3, DELIVERY_WAIT);
            assertThat(delivered).extracting(Delivery::eventId).containsExactlyInAnyOrderElementsOf(eventIds);
            assertThat(delivered).extracting(Delivery::attempt).containsOnly(1);
            for (String eventId : eventIds) {
                awaitNoPendingExecution(eventId);
                assertThat(eventStatus(eventId)).isEqualTo("delivered");
            }
        }
    }

    private long pendingExecutions(String eventId) {
        return jdbc.sql("select count(*) from webhook_tasks where task_instance = :id").param("id", eventId)
                .query(Long.class).single();
    }

    private void awaitNoPendingExecution(String eventId) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (pendingExecutions(eventId) > 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the execution of " + eventId + " is still queued");
            }
            sleep(50);
        }
    }

    private String eventStatus(String eventId) {
        return jdbc.sql("select status from webhook_events where id = :id").param("id", UUID.fromString(eventId))
                .query(String.class).single();
    }
}
