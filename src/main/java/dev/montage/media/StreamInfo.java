package dev.montage.media;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import dev.montage.layout.TimeSpan;

/**
 * One audio or video stream of a probed file. Width/height are for video, sample rate/channels for audio.
 * {@code activity} is where the stream has media, in milliseconds from the start of the file: for video,
 * the spans of its packets with every gap longer than {@link MediaProbe#GAP_MILLIS} cut out (a camera that
 * was off); for audio, the whole stream.
 *
 * <p>Width and height are the picture as it is shown, upright: a phone's 1920x1080 stream whose display matrix
 * turns it a quarter turn is 1080x1920 here. {@code orientation} says how the decoded pictures are turned to get
 * there ({@link Orientation#UPRIGHT} for audio). It is null in media info stored before orientations were probed:
 * then the size is as coded, and the turn unknown.
 *
 * <p>{@code framesPerSecond} is a video stream's pictures per second, counted from the steps between its packets
 * inside its activity ({@link PacketSpans#framesPerSecond()}), not read from a header (whose claimed rate is often
 * just the container's time base). It is null for audio, for a stream without two timed pictures a step apart, and
 * in media info stored before frame rates were counted.
 */
public record StreamInfo(int index, MediaKind kind, String codec, long startMillis, long durationMillis,
        Integer width, Integer height, Integer sampleRate, Integer channels, List<TimeSpan> activity,
        Orientation orientation, Double framesPerSecond) {

    public StreamInfo {
        activity = activity == null ? List.of() : List.copyOf(activity);
    }

    /** The turn probed at upload; empty for media info stored before orientations were probed. */
    public Optional<Orientation> probedOrientation() {
        return Optional.ofNullable(orientation);
    }

    /** The pictures per second counted at upload; empty where unknown (see above). */
    public OptionalDouble countedFrameRate() {
        return framesPerSecond == null ? OptionalDouble.empty() : OptionalDouble.of(framesPerSecond);
    }
}
