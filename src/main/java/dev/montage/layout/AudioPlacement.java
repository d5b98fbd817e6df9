package dev.montage.layout;

import java.util.Objects;

/**
 * One audio recording in the mix: its span on the session clock and where it starts in the output.
 *
 * <p>Audio is never cut by {@code trim} (a trim only removes periods where nothing is heard), so
 * the whole recording plays from {@code outputOffsetMillis} on.
 *
 * <pre>{@code
 * // a recording that started 2.5 s after the composition's first media
 * AudioPlacement[recordingId=rec-a1, participantId=alice, span=[12500, 20000), outputOffsetMillis=2500]
 * }</pre>
 */
public record AudioPlacement(String recordingId, String participantId, TimeSpan span, long outputOffsetMillis) {

    public AudioPlacement {
        Ids.requireId(recordingId, "audio placement recording id");
        Ids.requireId(participantId, "audio placement participant id");
        Objects.requireNonNull(span, () -> "audio placement " + recordingId + ": span must not be null");
        if (outputOffsetMillis < 0) {
            throw new IllegalArgumentException("audio placement " + recordingId + ": output offset must not be negative, was "
                    + outputOffsetMillis);
        }
    }
}
