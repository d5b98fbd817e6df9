package dev.montage.rooms;

import java.time.Instant;
import java.util.UUID;

/** One period of activity of a room; its participants' recordings are what a composition composes. */
public record RoomSession(UUID id, UUID accountId, UUID roomId, boolean active, Instant createdAt,
        Instant updatedAt, Instant endedAt) {
}
