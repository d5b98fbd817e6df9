package dev.montage.media;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One recording the renderer can read: the file that holds it, which stream of that file it is,
 * and the session-clock instant of the file's time 0.
 *
 * <p>Several recordings may share a file (a WebM with a participant's audio and video): the
 * renderer opens each distinct file once and decodes each stream once. Timestamps are read as the
 * file states them, so a stream that starts late in its file stays in sync with the file's other
 * streams: a frame at file time {@code t} belongs to session instant {@code sessionStartMillis + t}.
 * Audio is placed by the plan instead: a track's first sample plays at its planned output offset,
 * so the span the planner was given for it must start at the stream's first sample
 * ({@code sessionStartMillis} plus the stream's start time in the file).
 *
 * <p>When a placement joins several recordings (a participant who reconnected), each recording
 * owns the placement from its own {@code sessionStartMillis} until the next recording's; a file's
 * time 0 therefore must not lie before the end of the previous recording of that participant.
 *
 * <p>{@code orientation} is how the stream's pictures are turned upright (its display matrix, as probed); the
 * renderer turns them itself, and switches ffmpeg's own autorotation off for the file (see
 * {@link FilterGraphBuilder}). Empty for a recording stored before orientations were probed: ffmpeg's
 * autorotation then turns its pictures, as it always did.
 *
 * <pre>{@code
 * // alice's camera and microphone in one WebM that starts 12.5 s into the session
 * new RenderSource("rec-v1", Path.of("alice.webm"), 0, MediaKind.VIDEO, 12_500);
 * new RenderSource("rec-a1", Path.of("alice.webm"), 1, MediaKind.AUDIO, 12_500);
 * }</pre>
 */
public record RenderSource(String recordingId, Path file, int streamIndex, MediaKind kind, long sessionStartMillis,
        Optional<Orientation> orientation) {

    /** A source whose pictures are stored upright (and any audio source). */
    public RenderSource(String recordingId, Path file, int streamIndex, MediaKind kind, long sessionStartMillis) {
        this(recordingId, file, streamIndex, kind, sessionStartMillis, Optional.of(Orientation.UPRIGHT));
    }

    public RenderSource {
        if (recordingId == null || recordingId.isBlank()) {
            throw new IllegalArgumentException("a render source needs a recording id, was "
                    + (recordingId == null ? "null" : "'" + recordingId + "'"));
        }
        Objects.requireNonNull(file, () -> "render source " + recordingId + ": file must not be null");
        Objects.requireNonNull(kind, () -> "render source " + recordingId + ": kind must not be null");
        Objects.requireNonNull(orientation, () -> "render source " + recordingId + ": orientation must not be null");
        if (streamIndex < 0) {
            throw new IllegalArgumentException("render source " + recordingId + ": stream index must not be negative, was "
                    + streamIndex);
        }
    }
}
