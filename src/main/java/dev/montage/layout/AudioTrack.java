package dev.montage.layout;

import java.util.Objects;
import java.util.Optional;

/**
 * One audio recording of a session and when it runs on the session clock. {@code trackName} is the name the media
 * server gave the track at upload, empty when it gave none (see {@link VideoTrack}).
 *
 * <pre>{@code
 * new AudioTrack("rec-a1", "alice", new TimeSpan(0, 10_000));
 * }</pre>
 */
public record AudioTrack(String recordingId, String participantId, TimeSpan span, Optional<String> trackName) {

    public AudioTrack {
        Ids.requireId(recordingId, "audio recording id");
        Ids.requireId(participantId, "participant id of audio recording " + recordingId);
        Objects.requireNonNull(span, () -> "audio recording " + recordingId + ": span must not be null");
        trackName = Ids.checkedTrackName(trackName, "audio recording " + recordingId);
    }

    /** A recording without a track name. */
    public AudioTrack(String recordingId, String participantId, TimeSpan span) {
        this(recordingId, participantId, span, Optional.empty());
    }

    /** This recording with the track name its upload gave it. */
    public AudioTrack named(String name) {
        return new AudioTrack(recordingId, participantId, span, Optional.of(name));
    }
}
