package dev.montage.layout;

import java.util.ArrayList;
import java.util.List;

/**
 * Set operations on lists of {@link TimeSpan}s. Results are <em>normalised</em>: sorted, without
 * empty spans, and with overlapping or touching spans merged, so two lists covering the same
 * instants are equal.
 *
 * <pre>{@code
 * union([5,10), [0,5), [20,20))            == [[0,10)]
 * intersect([[0,10)], [[2,4), [8,12)])     == [[2,4), [8,10)]
 * subtract([[0,10)], [[2,4), [8,12)])      == [[0,2), [4,8)]
 * }</pre>
 */
public final class TimeSpans {

    private TimeSpans() {
    }

    /** The instants covered by any of the spans. */
    static List<TimeSpan> union(List<TimeSpan> spans) {
        List<TimeSpan> sorted = new ArrayList<>();
        for (TimeSpan span : spans) {
            if (span == null) {
                throw new IllegalArgumentException("a list of time spans must not contain null: " + spans);
            }
            if (!span.isEmpty()) {
                sorted.add(span);
            }
        }
        sorted.sort(null);
        List<TimeSpan> merged = new ArrayList<>();
        for (TimeSpan span : sorted) {
            int last = merged.size() - 1;
            // touching spans merge too: [0,5) and [5,10) cover the same instants as [0,10)
            if (last >= 0 && merged.get(last).endMillis() >= span.startMillis()) {
                TimeSpan previous = merged.get(last);
                merged.set(last, new TimeSpan(previous.startMillis(), Math.max(previous.endMillis(), span.endMillis())));
            } else {
                merged.add(span);
            }
        }
        return List.copyOf(merged);
    }

    /** The instants covered by both lists. */
    static List<TimeSpan> intersect(List<TimeSpan> first, List<TimeSpan> second) {
        List<TimeSpan> result = new ArrayList<>();
        for (TimeSpan a : union(first)) {
            for (TimeSpan b : union(second)) {
                a.intersect(b).ifPresent(result::add);
            }
        }
        return union(result);
    }

    /** The instants of {@code from} that {@code removed} does not cover. */
    public static List<TimeSpan> subtract(List<TimeSpan> from, List<TimeSpan> removed) {
        List<TimeSpan> result = new ArrayList<>();
        List<TimeSpan> holes = union(removed);
        for (TimeSpan span : union(from)) {
            long start = span.startMillis();
            for (TimeSpan hole : holes) {
                if (hole.endMillis() <= start || hole.startMillis() >= span.endMillis()) {
                    continue;
                }
                if (hole.startMillis() > start) {
                    result.add(new TimeSpan(start, hole.startMillis()));
                }
                start = Math.max(start, hole.endMillis());
            }
            if (start < span.endMillis()) {
                result.add(new TimeSpan(start, span.endMillis()));
            }
        }
        return union(result);
    }

    /** True when every instant of {@code span} is covered by {@code spans}. */
    static boolean encloses(List<TimeSpan> spans, TimeSpan span) {
        if (span.isEmpty()) {
            return true;
        }
        return union(spans).stream().anyMatch(covering -> covering.encloses(span));
    }

    /** True when some span of the list contains the instant. */
    static boolean contains(List<TimeSpan> spans, long instant) {
        return spans.stream().anyMatch(span -> span.contains(instant));
    }

    /**
     * How much of {@code segments} (normalised) lies before {@code instant}: the output-clock time of a
     * session-clock instant when only the segments are kept.
     */
    static long elapsedBefore(List<TimeSpan> segments, long instant) {
        long elapsed = 0;
        for (TimeSpan segment : segments) {
            if (instant <= segment.startMillis()) {
                break;
            }
            elapsed += Math.min(instant, segment.endMillis()) - segment.startMillis();
        }
        return elapsed;
    }
}
