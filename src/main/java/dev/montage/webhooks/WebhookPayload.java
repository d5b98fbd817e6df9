package dev.montage.webhooks;

import java.math.BigDecimal;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The {@code payload} of each event Montage sends, with the fields of the Telnyx schema
 * ({@code telnyx-video-webhook-events.yml}); {@code video.room.composition.failed} is Montage's extension.
 * Field names go on the wire in snake case.
 */
public sealed interface WebhookPayload {

    /** The {@code event_type} this payload is delivered as. */
    @JsonIgnore
    String eventType();

    record CompositionCompleted(UUID compositionId, UUID roomId, UUID sessionId, String downloadUrl,
            Integer durationSecs, String format, String resolution, BigDecimal sizeMb) implements WebhookPayload {
        @Override
        public String eventType() {
            return "video.room.composition.completed";
        }
    }

    record CompositionFailed(UUID compositionId, UUID roomId, UUID sessionId, String failureReason)
            implements WebhookPayload {
        @Override
        public String eventType() {
            return "video.room.composition.failed";
        }
    }

    record SessionStarted(UUID roomId, UUID sessionId) implements WebhookPayload {
        @Override
        public String eventType() {
            return "video.room.session.started";
        }
    }

    record SessionEnded(UUID roomId, UUID sessionId, long durationSecs, String endedReason)
            implements WebhookPayload {
        @Override
        public String eventType() {
            return "video.room.session.ended";
        }
    }

    record ParticipantJoined(String context, UUID participantId, UUID roomId, UUID sessionId)
            implements WebhookPayload {
        @Override
        public String eventType() {
            return "video.room.participant.joined";
        }
    }

    record ParticipantLeft(String context, long durationSecs, String leftReason, UUID participantId, UUID roomId,
            UUID sessionId) implements WebhookPayload {
        @Override
        public String eventType() {
            return "video.room.participant.left";
        }
    }

    /** {@code download_url} is null: recordings have no download link in Montage (their resource shows none either). */
    record RecordingCompleted(String codec, String downloadUrl, long durationSecs, UUID participantId,
            UUID recordingId, UUID roomId, UUID sessionId, BigDecimal sizeMb, String type) implements WebhookPayload {
        @Override
        public String eventType() {
            return "video.room.recording.completed";
        }
    }
}
