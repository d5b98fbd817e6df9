package dev.montage.media;

import java.util.Set;

/**
 * The encoder settings of one {@link Quality} level, for each video codec: x264's preset and constant rate factor
 * (MP4), libvpx's speed and quality target (WebM, VP8 at its {@code realtime} deadline).
 *
 * @param x264Preset one of x264's presets, {@code ultrafast} to {@code placebo}: how hard it searches
 * @param x264Crf    x264's constant rate factor, 0 (lossless) to 51: lower is better and larger
 * @param vp8CpuUsed libvpx's {@code -cpu-used}, 0 to 16 at the realtime deadline: higher is faster and worse
 * @param vp8Crf     libvpx's {@code -crf}, 4 to 63: lower is better and larger (capped at 2 Mbit/s, see
 *                   {@link OutputFormat})
 */
public record EncoderPoint(String x264Preset, int x264Crf, int vp8CpuUsed, int vp8Crf) {

    static final Set<String> X264_PRESETS = Set.of("ultrafast", "superfast", "veryfast", "faster", "fast", "medium",
            "slow", "slower", "veryslow", "placebo");

    /** What every composition was encoded with before quality levels: kept for the overloads that take none. */
    public static final EncoderPoint BEFORE_LEVELS = new EncoderPoint("veryfast", 23, 8, 10);

    public EncoderPoint {
        if (x264Preset == null || !X264_PRESETS.contains(x264Preset)) {
            throw new IllegalArgumentException("x264-preset must be one of x264's presets " + X264_PRESETS
                    + ", not " + (x264Preset == null ? "null" : "'" + x264Preset + "'"));
        }
        if (x264Crf < 0 || x264Crf > 51) {
            throw new IllegalArgumentException("x264-crf must be 0 to 51, not " + x264Crf);
        }
        if (vp8CpuUsed < 0 || vp8CpuUsed > 16) {
            throw new IllegalArgumentException("vp8-cpu-used must be 0 to 16, not " + vp8CpuUsed);
        }
        if (vp8Crf < 4 || vp8Crf > 63) {
            throw new IllegalArgumentException("vp8-crf must be 4 to 63, not " + vp8Crf);
        }
    }
}
