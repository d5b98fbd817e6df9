package dev.montage.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.montage.support.ApiAssertions;
import dev.montage.support.TestMedia;
import dev.montage.support.WebhookReceiver;
import dev.montage.support.WebhookReceiver.Delivery;
import tools.jackson.databind.JsonNode;

/** The room events of the Telnyx schema, as uploads create sessions, participants and recordings and a session ends. */
class RoomWebhookTest extends WebhookTest {

    @Test
    void uploadsAndEndingASessionSendTheRoomEvents() {
        try (WebhookReceiver receiver = WebhookReceiver.start(WebhookReceiver.status(200))) {
            String roomId = createRoom(api, "{\"webhook_event_url\": \"" + receiver.url() + "\"}").path("id").asString();
            JsonNode alice = upload(api, TestMedia.webm("red", 440, 2),
                    Map.of("started_at", "2024-05-01T10:00:00Z", "room_id", roomId, "participant_context", "alice"));
            String sessionId = alice.path(0).path("session_id").asString();
            JsonNode bob = upload(api, TestMedia.webm("blue", 660, 2), Map.of("started_at", "2024-05-01T10:00:01Z",
                    "session_id", sessionId, "participant_context", "bob"));
            assertThat(api.post("/v2/room_sessions/" + sessionId + "/actions/end", "").status()).isEqualTo(200);

            // 1 session.started, 2 participant.joined, 4 recording.completed, 2 participant.left, 1 session.ended
            List<Delivery> all = receiver.await(10, DELIVERY_WAIT);
            sleep(500);
            assertThat(receiver.deliveries()).hasSize(10);
            all.forEach(this::assertSigned);
            assertThat(all).extracting(Delivery::eventId).doesNotHaveDuplicates();
            all.forEach(d -> {
                assertThat(d.data().path("record_type").asString()).isEqualTo("event");
                assertThat(d.data().path("occurred_at").asString()).matches(ApiAssertions.TIMESTAMP);
                assertThat(d.data().path("payload").path("room_id").asString()).isEqualTo(roomId);
                assertThat(d.data().path("payload").path("session_id").asString()).isEqualTo(sessionId);
            });

            JsonNode started = single(all, "video.room.session.started").data();
            assertThat(started.path("occurred_at").asString()).isEqualTo("2024-05-01T10:00:00.000000Z");
            assertThat(started.path("payload").propertyNames()).containsExactlyInAnyOrder("room_id", "session_id");

            List<JsonNode> joined = payloads(all, "video.room.participant.joined");
            assertThat(joined).extracting(p -> p.path("context").asString()).containsExactlyInAnyOrder("alice", "bob");
            assertThat(joined).extracting(p -> p.path("participant_id").asString())
                    .containsExactlyInAnyOrder(alice.path(0).path("participant_id").asString(),
                            bob.path(0).path("participant_id").asString());

            List<JsonNode> recordings = payloads(all, "video.room.recording.completed");
            assertThat(recordings).hasSize(4);
            for (JsonNode uploaded : List.of(alice, bob)) {
                for (JsonNode recording : uploaded) {
                    JsonNode payload = recordings.stream()
                            .filter(p -> p.path("recording_id").asString().equals(recording.path("id").asString()))
                            .findFirst().orElseThrow(() -> new AssertionError("no event for " + recording));
                    assertThat(payload.path("type").asString()).isEqualTo(recording.path("type").asString());
                    assertThat(payload.path("codec").asString()).isEqualTo(recording.path("codec").asString());
                    assertThat(payload.path("duration_secs").asInt()).isEqualTo(recording.path("duration_secs").asInt());
                    assertThat(payload.path("size_mb").decimalValue())
                            .isEqualByComparingTo(recording.path("size_mb").decimalValue());
                    assertThat(payload.path("participant_id").asString())
                            .isEqualTo(recording.path("participant_id").asString());
                }
            }

            List<JsonNode> left = payloads(all, "video.room.participant.left");
            assertThat(left).extracting(p -> p.path("context").asString()).containsExactlyInAnyOrder("alice", "bob");
            assertThat(left).extracting(p -> p.path("duration_secs").asInt()).containsOnly(2);
            assertThat(left).extracting(p -> p.path("left_reason").asString()).containsOnly("session_ended");

            JsonNode ended = single(all, "video.room.session.ended").data();
            assertThat(ended.path("payload").path("ended_reason").asString()).isEqualTo("ended_by_api");
            JsonNode session = api.get("/v2/room_sessions/" + sessionId).data();
            assertThat(ended.path("occurred_at").asString()).isEqualTo(session.path("ended_at").asString());

            // ending it again changes nothing, so it sends nothing
            api.post("/v2/room_sessions/" + sessionId + "/actions/end", "");
            sleep(500);
            assertThat(receiver.deliveries()).hasSize(10);
        }
    }

    @Test
    void aRoomWithoutWebhookUrlSendsNothing() {
        try (WebhookReceiver receiver = WebhookReceiver.start(WebhookReceiver.status(200))) {
            String roomId = createRoom(api, "{\"webhook_event_failover_url\": \"" + receiver.url() + "\"}")
                    .path("id").asString();
            JsonNode alice = upload(api, TestMedia.webm("red", 440, 2),
                    Map.of("started_at", "2024-05-01T10:00:00Z", "room_id", roomId));
            api.post("/v2/room_sessions/" + alice.path(0).path("session_id").asString() + "/actions/end", "");
            sleep(1000);
            assertThat(receiver.deliveries()).isEmpty();
        }
    }

    private static Delivery single(List<Delivery> all, String type) {
        List<Delivery> matching = all.stream().filter(d -> d.eventType().equals(type)).toList();
        assertThat(matching).as(type).hasSize(1);
        return matching.get(0);
    }

    private static List<JsonNode> payloads(List<Delivery> all, String type) {
        return all.stream().filter(d -> d.eventType().equals(type)).map(d -> d.data().path("payload")).toList();
    }
}
