package dev.montage.rooms;

import java.time.Instant;
import java.util.UUID;

/** One participant of a session; {@code context} is the label a client SDK gave it. */
public record RoomParticipant(UUID id, UUID accountId, UUID sessionId, String context, Instant joinedAt,
        Instant leftAt, Instant updatedAt) {
}
