package dev.montage.layout;

import java.util.Objects;

/**
 * One audio recording of a session and when it runs on the session clock.
 *
 * <pre>{@code
 * new AudioTrack("rec-a1", "alice", new TimeSpan(0, 10_000));
 * }</pre>
 */
public record AudioTrack(String recordingId, String participantId, TimeSpan span) {

    public AudioTrack {
        Ids.requireId(recordingId, "audio recording id");
        Ids.requireId(participantId, "participant id of audio recording " + recordingId);
        Objects.requireNonNull(span, () -> "audio recording " + recordingId + ": span must not be null");
    }
}
