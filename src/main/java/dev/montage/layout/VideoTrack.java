package dev.montage.layout;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One video recording of a session, as probed: who recorded it, when it runs on the session clock,
 * when it actually carries pictures, and its size.
 *
 * <p>The size is the picture as it is shown, upright: a phone recording stored 1920x1080 with "turn a quarter"
 * in its display matrix is 1080x1920 here, so its cell fits a portrait picture. Turning the pictures themselves
 * is the renderer's business.
 *
 * <p>{@code trackName} is the name the media server gave the track at upload ({@code "screen-1"}), empty when it
 * gave none; sources lists may select it by pattern (see {@link RegionSpec#selects}).
 *
 * <p>{@code activity} lists the periods with video packets; gaps (camera off) are left out, and the
 * compositor shows black there, never a frozen frame. The constructor sorts and merges the activity
 * and requires it to lie within {@code span}.
 *
 * <pre>{@code
 * // camera off between 4 s and 6 s
 * new VideoTrack("rec-1", "alice", new TimeSpan(0, 10_000),
 *         List.of(new TimeSpan(0, 4_000), new TimeSpan(6_000, 10_000)), 640, 480);
 * }</pre>
 */
public record VideoTrack(
        String recordingId,
        String participantId,
        TimeSpan span,
        List<TimeSpan> activity,
        int width,
        int height,
        Optional<String> trackName) {

    public VideoTrack {
        Ids.requireId(recordingId, "video recording id");
        Ids.requireId(participantId, "participant id of video recording " + recordingId);
        Objects.requireNonNull(span, () -> "video recording " + recordingId + ": span must not be null");
        Objects.requireNonNull(activity, () -> "video recording " + recordingId + ": activity must not be null");
        activity = TimeSpans.union(activity);
        for (TimeSpan active : activity) {
            if (!span.encloses(active)) {
                throw new IllegalArgumentException("video recording " + recordingId + ": activity " + active
                        + " lies outside the recording's span " + span);
            }
        }
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("video recording " + recordingId
                    + ": needs a positive width and height, was " + width + "x" + height);
        }
        trackName = Ids.checkedTrackName(trackName, "video recording " + recordingId);
    }

    /** A recording without a track name. */
    public VideoTrack(String recordingId, String participantId, TimeSpan span, List<TimeSpan> activity, int width,
            int height) {
        this(recordingId, participantId, span, activity, width, height, Optional.empty());
    }

    /** This recording with the track name its upload gave it. */
    public VideoTrack named(String name) {
        return new VideoTrack(recordingId, participantId, span, activity, width, height, Optional.of(name));
    }

    /** A recording with pictures for its whole span (no camera-off gaps). */
    public static VideoTrack continuous(String recordingId, String participantId, TimeSpan span, int width, int height) {
        return new VideoTrack(recordingId, participantId, span, List.of(span), width, height);
    }
}
