package dev.montage.recordings;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import dev.montage.media.MediaKind;

/**
 * One participant's audio or video track. Several recordings may share one blob (an uploaded WebM with both
 * kinds), each naming its stream. Times are wall-clock: {@code startedAt} is the first media sample.
 * {@code trackName} is the name the upload gave (both recordings of one file share it), empty when it gave none.
 */
public record RoomRecording(UUID id, UUID accountId, UUID roomId, UUID sessionId, UUID participantId,
        MediaKind kind, String codec, String status, String blobKey, int streamIndex, long durationMillis,
        long sizeBytes, String mediaInfoJson, Instant startedAt, Instant endedAt, Instant completedAt,
        Instant createdAt, Instant updatedAt, Optional<String> trackName) {

    public static final String COMPLETED = "completed";

    public RoomRecording {
        Objects.requireNonNull(trackName, "trackName (Optional.empty() when the upload gave none)");
    }
}
