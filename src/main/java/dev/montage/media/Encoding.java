package dev.montage.media;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * How a composition's file is encoded: its container and codecs, the encoder point of its {@link Quality} level,
 * and its constant frame rate, a whole number of frames per second so that any whole second is a frame boundary.
 *
 * <pre>{@code
 * Encoding encoding = new Encoding(OutputFormat.MP4, settings.of(Quality.STANDARD),
 *         Encoding.frameRateFollowing(List.of(OptionalDouble.of(15), OptionalDouble.of(14.985))));   // 15 fps
 * }</pre>
 */
public record Encoding(OutputFormat format, EncoderPoint encoder, int frameRate) {

    /** The most frames per second a composition has, and what it has when a source's rate is unknown. */
    public static final int MAX_FRAME_RATE = 30;

    public Encoding {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(encoder, "encoder");
        if (frameRate < 1 || frameRate > MAX_FRAME_RATE) {
            throw new IllegalArgumentException("frame rate must be 1 to " + MAX_FRAME_RATE + ", not " + frameRate);
        }
    }

    /** {@code format} as every composition was encoded before quality levels and followed frame rates. */
    public static Encoding beforeLevels(OutputFormat format) {
        return new Encoding(format, EncoderPoint.BEFORE_LEVELS, MAX_FRAME_RATE);
    }

    /**
     * The output frame rate for video sources of these frame rates: the highest, rounded to a whole number, within
     * 1 to {@value #MAX_FRAME_RATE}. More frames than the fastest source has would be copies that the encoder
     * still has to encode: 15 fps cameras make a 15 fps composition for about 0.8 of the CPU of a 30 fps one
     * (bench/RESULTS.md). A source whose
     * rate is unknown (media probed before rates were, or a stream without two timed pictures), and a composition
     * without video, get {@value #MAX_FRAME_RATE}: what every composition had before.
     */
    public static int frameRateFollowing(List<OptionalDouble> sourceRates) {
        if (sourceRates.isEmpty() || sourceRates.stream().anyMatch(OptionalDouble::isEmpty)) {
            return MAX_FRAME_RATE;
        }
        double highest = sourceRates.stream().mapToDouble(OptionalDouble::getAsDouble).max().orElseThrow();
        return (int) Math.max(1, Math.min(MAX_FRAME_RATE, Math.round(highest)));
    }

    /** Codecs, their settings and the container, for ffmpeg's output options. */
    List<String> encoderArguments() {
        return format.encoderArguments(encoder);
    }

    /** The video encoder at this encoding's point, for a part of a segmented render. */
    List<String> videoArguments() {
        return format.videoArguments(encoder);
    }
}
