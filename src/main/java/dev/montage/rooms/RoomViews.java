package dev.montage.rooms;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.montage.api.Timestamps;

/** The JSON shapes of Room, RoomSession and RoomParticipant as the Telnyx schema gives them. */
final class RoomViews {

    private RoomViews() {
    }

    record RoomView(UUID activeSessionId, String createdAt, boolean enableRecording, UUID id, int maxParticipants,
            String recordType, @JsonInclude(JsonInclude.Include.NON_NULL) List<SessionView> sessions,
            String uniqueName, String updatedAt, String webhookEventFailoverUrl, String webhookEventUrl,
            Integer webhookTimeoutSecs) {

        static RoomView of(Room room, UUID activeSessionId, List<SessionView> sessions) {
            return new RoomView(activeSessionId, Timestamps.format(room.createdAt()), room.enableRecording(),
                    room.id(), room.maxParticipants(), "room", sessions, room.uniqueName(),
                    Timestamps.format(room.updatedAt()), room.webhooks().failoverUrl(), room.webhooks().eventUrl(),
                    room.webhooks().timeoutSecs());
        }
    }

    record SessionView(boolean active, String createdAt, String endedAt, UUID id,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<ParticipantView> participants, String recordType,
            UUID roomId, String updatedAt) {

        static SessionView of(RoomSession session, List<ParticipantView> participants) {
            return new SessionView(session.active(), Timestamps.format(session.createdAt()),
                    Timestamps.format(session.endedAt()), session.id(), participants, "room_session", session.roomId(),
                    Timestamps.format(session.updatedAt()));
        }
    }

    record ParticipantView(String context, UUID id, String joinedAt, String leftAt, String recordType,
            UUID sessionId, String updatedAt) {

        static ParticipantView of(RoomParticipant participant) {
            return new ParticipantView(participant.context(), participant.id(),
                    Timestamps.format(participant.joinedAt()), Timestamps.format(participant.leftAt()),
                    "room_participant", participant.sessionId(), Timestamps.format(participant.updatedAt()));
        }
    }
}
