package dev.montage.media;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A part of the output clock {@code [startMillis, endMillis)}: the span one segment of a composition renders
 * ({@link CompositionRenderer#renderVideoPart}).
 *
 * <p>A window starts on a whole second, so it starts on a frame at any integer frame rate: the part's first frame is
 * the very frame the single-pass render shows at that instant, and the parts laid end to end repeat or lose none. Its
 * end is a whole second too, or the end of the output for the last window.
 *
 * <pre>{@code
 * OutputWindow.split(5_500, Duration.ofSeconds(2));   // [0, 2000), [2000, 4000), [4000, 5500)
 * }</pre>
 */
public record OutputWindow(long startMillis, long endMillis) {

    /** The shortest part worth a run of its own; a shorter remainder at the end joins the part before it. */
    static final long LEAST_PART_MILLIS = 1000;

    public OutputWindow {
        if (startMillis < 0 || startMillis % 1000 != 0) {
            throw new IllegalArgumentException("an output window starts on a whole second, not at " + startMillis
                    + " ms");
        }
        if (endMillis <= startMillis) {
            throw new IllegalArgumentException("an output window must end after it starts: [" + startMillis + ", "
                    + endMillis + ")");
        }
    }

    /**
     * Cuts {@code [0, durationMillis)} into windows of {@code partLength} (whole seconds, at least one), the last one
     * shorter when the length does not divide the duration. A remainder under {@value #LEAST_PART_MILLIS} ms joins the
     * window before it instead of being a part of its own: the frame or two an output has past its last whole second
     * would cost a whole ffmpeg run (its start, its seeks) for next to no pictures.
     *
     * @throws IllegalArgumentException when the duration is not positive or the part length is not whole seconds
     */
    public static List<OutputWindow> split(long durationMillis, Duration partLength) {
        if (durationMillis <= 0) {
            throw new IllegalArgumentException("only an output of positive length can be split, not " + durationMillis
                    + " ms");
        }
        if (partLength.isNegative() || partLength.isZero() || partLength.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("a part lasts whole seconds (at least one), not " + partLength);
        }
        long step = partLength.toMillis();
        List<OutputWindow> windows = new ArrayList<>();
        for (long start = 0; start < durationMillis; start += step) {
            long end = Math.min(start + step, durationMillis);
            if (end - start < LEAST_PART_MILLIS && !windows.isEmpty()) {
                OutputWindow before = windows.remove(windows.size() - 1);
                windows.add(new OutputWindow(before.startMillis(), end));
            } else {
                windows.add(new OutputWindow(start, end));
            }
        }
        return List.copyOf(windows);
    }

    public long durationMillis() {
        return endMillis - startMillis;
    }
}
