package dev.montage.layout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds speech in a recording's {@link SpeechLevels}, relative to the recording's own noise floor, so a quiet
 * microphone in a quiet room and a loud one in a café are judged alike.
 *
 * <ol>
 * <li>{@link #noiseFloor}: the level that {@value #NOISE_FLOOR_PERCENTILE} % of the windows stay at or below.
 *     People pause between sentences, so a talk has at least that much background.
 * <li>{@link #threshold}: the floor plus {@value #MARGIN_DB} dB, kept between {@value #LOWEST_THRESHOLD_DB} dBFS
 *     (over a digitally silent floor, hiss is not speech) and {@value #HIGHEST_THRESHOLD_DB} dBFS (someone who
 *     talks without a pause still speaks).
 * <li>{@link #loudSpans}: consecutive windows at or above the threshold.
 * <li>{@link #bridgePauses}: loud spans less than {@value #HANGOVER_MILLIS} ms apart are one span (the
 *     hangover): the pauses between words do not end speech. A span ends where its last loud window ends, not a
 *     hangover later: Montage judges after the fact and needs no tail to wait for.
 * </ol>
 *
 * <pre>
 * window            0   1   2   3   4   5   6   7   8   9
 * level (dBFS)    -90 -20 -20 -90 -20 -90 -90 -90 -90 -20    floor -90, threshold -60
 * loud                 ███████     ███                 ███
 * speech              [100 ........... 500)           [900, 1000)   (the 100 ms pause is bridged)
 * </pre>
 */
public final class SpeechDetector {

    static final int NOISE_FLOOR_PERCENTILE = 10;
    static final int MARGIN_DB = 12;
    static final int LOWEST_THRESHOLD_DB = -60;
    static final int HIGHEST_THRESHOLD_DB = -35;
    static final long HANGOVER_MILLIS = 300;

    private SpeechDetector() {
    }

    public static SpeechDetection detect(SpeechLevels levels) {
        int floor = noiseFloor(levels);
        int threshold = threshold(floor);
        return new SpeechDetection(floor, threshold, bridgePauses(loudSpans(levels, threshold)));
    }

    /** The level {@value #NOISE_FLOOR_PERCENTILE} % of the windows stay at or below; silence for no windows. */
    static int noiseFloor(SpeechLevels levels) {
        if (levels.size() == 0) {
            return SpeechLevels.SILENCE_DB;
        }
        int[] sorted = levels.decibels();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(sorted.length * NOISE_FLOOR_PERCENTILE / 100.0) - 1;
        return sorted[Math.max(0, rank)];
    }

    static int threshold(int noiseFloorDb) {
        return Math.max(LOWEST_THRESHOLD_DB, Math.min(HIGHEST_THRESHOLD_DB, noiseFloorDb + MARGIN_DB));
    }

    static List<TimeSpan> loudSpans(SpeechLevels levels, int thresholdDb) {
        List<TimeSpan> spans = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= levels.size(); i++) {
            boolean loud = i < levels.size() && levels.decibels(i) >= thresholdDb;
            if (loud && start < 0) {
                start = i;
            } else if (!loud && start >= 0) {
                spans.add(new TimeSpan(levels.window(start).startMillis(), levels.window(i - 1).endMillis()));
                start = -1;
            }
        }
        return spans;
    }

    /** Joins spans whose pause is shorter than the hangover; {@code spans} sorted and disjoint. */
    static List<TimeSpan> bridgePauses(List<TimeSpan> spans) {
        List<TimeSpan> bridged = new ArrayList<>();
        for (TimeSpan span : spans) {
            int last = bridged.size() - 1;
            if (last >= 0 && span.startMillis() - bridged.get(last).endMillis() < HANGOVER_MILLIS) {
                bridged.set(last, new TimeSpan(bridged.get(last).startMillis(), span.endMillis()));
            } else {
                bridged.add(span);
            }
        }
        return List.copyOf(bridged);
    }
}
