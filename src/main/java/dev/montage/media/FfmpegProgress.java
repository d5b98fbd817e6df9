package dev.montage.media;

import java.util.OptionalInt;

/**
 * Reads the {@code key=value} lines of ffmpeg's {@code -progress} output and turns them into
 * percentages of the planned duration.
 *
 * <p>ffmpeg writes a block of lines about every half second, ending with {@code progress=continue}
 * or {@code progress=end}. A block's position is its {@code out_time_us}; older builds have only
 * {@code out_time_ms}, which despite its name also counts microseconds, so it is read the same way.
 * Early blocks say {@code N/A}, which counts as 0.
 *
 * <pre>{@code
 * FfmpegProgress progress = new FfmpegProgress(10_000);
 * progress.accept("out_time_us=2500000");   // OptionalInt.empty(): the block is not complete yet
 * progress.accept("progress=continue");     // OptionalInt[25]
 * }</pre>
 */
final class FfmpegProgress {

    private final long durationMicros;
    private Long microsInBlock;
    private Long legacyMicrosInBlock;
    private boolean reportedAny;
    private int reported;

    FfmpegProgress(long durationMillis) {
        if (durationMillis < 1) {
            throw new IllegalArgumentException("a render needs a positive duration, was " + durationMillis + " ms");
        }
        this.durationMicros = durationMillis * 1000;
    }

    /**
     * Takes one line; answers a percentage when the line completes a block that got further than
     * any block before (the first block always counts), else empty.
     */
    OptionalInt accept(String line) {
        if (line.startsWith("out_time_us=")) {
            microsInBlock = micros(line.substring("out_time_us=".length()));
        } else if (line.startsWith("out_time_ms=")) {
            legacyMicrosInBlock = micros(line.substring("out_time_ms=".length()));
        } else if (line.startsWith("progress=")) {
            Long micros = microsInBlock != null ? microsInBlock : legacyMicrosInBlock;
            microsInBlock = null;
            legacyMicrosInBlock = null;
            return report(micros == null ? 0 : (int) Math.min(100, micros * 100 / durationMicros));
        }
        return OptionalInt.empty();
    }

    /** The final 100, unless it was already reported: for when ffmpeg has finished the file. */
    OptionalInt finish() {
        return report(100);
    }

    private OptionalInt report(int percent) {
        if (reportedAny && percent <= reported) {
            return OptionalInt.empty();
        }
        reportedAny = true;
        reported = percent;
        return OptionalInt.of(percent);
    }

    private static Long micros(String value) {
        try {
            return Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return null; // N/A before the first frame is written
        }
    }
}
