package dev.montage.rooms;

import java.time.Instant;
import java.util.UUID;

import dev.montage.api.WebhookTarget;

/** A video room: the container of sessions. */
public record Room(UUID id, UUID accountId, String uniqueName, int maxParticipants, boolean enableRecording,
        WebhookTarget webhooks, Instant createdAt, Instant updatedAt) {
}
