package dev.montage.recordings;

import java.time.Instant;
import java.util.UUID;

import dev.montage.media.MediaKind;

/**
 * One participant's audio or video track. Several recordings may share one blob (an uploaded WebM with both
 * kinds), each naming its stream. Times are wall-clock: {@code startedAt} is the first media sample.
 */
public record RoomRecording(UUID id, UUID accountId, UUID roomId, UUID sessionId, UUID participantId,
        MediaKind kind, String codec, String status, String blobKey, int streamIndex, long durationMillis,
        long sizeBytes, String mediaInfoJson, Instant startedAt, Instant endedAt, Instant completedAt,
        Instant createdAt, Instant updatedAt) {

    public static final String COMPLETED = "completed";
}
