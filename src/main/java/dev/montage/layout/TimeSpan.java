package dev.montage.layout;

import java.util.Optional;

/**
 * A half-open interval {@code [startMillis, endMillis)} of milliseconds on one clock.
 *
 * <p>The start instant belongs to the span, the end instant does not, so spans that only touch
 * share no instant: {@code [0,10)} and {@code [10,20)} do not overlap, and {@code [0,10)} does not
 * contain 10. An empty span ({@code start == end}) contains no instant and overlaps nothing. These
 * rules are defined here once; every other class in the package asks this type.
 *
 * <pre>{@code
 * TimeSpan a = new TimeSpan(0, 10);
 * a.overlaps(new TimeSpan(10, 20));       // false: they only touch
 * a.intersect(new TimeSpan(5, 20));       // Optional[TimeSpan[startMillis=5, endMillis=10]]
 * }</pre>
 */
public record TimeSpan(long startMillis, long endMillis) implements Comparable<TimeSpan> {

    public TimeSpan {
        if (startMillis > endMillis) {
            throw new IllegalArgumentException(
                    "a time span must not end before it starts: [" + startMillis + ", " + endMillis + ")");
        }
    }

    public long durationMillis() {
        return endMillis - startMillis;
    }

    public boolean isEmpty() {
        return startMillis == endMillis;
    }

    /** True when {@code startMillis <= instant < endMillis}. */
    public boolean contains(long instant) {
        return startMillis <= instant && instant < endMillis;
    }

    /** True when every instant of {@code other} lies within this span and {@code other} does not stick out on either side. */
    public boolean encloses(TimeSpan other) {
        return startMillis <= other.startMillis && other.endMillis <= endMillis;
    }

    /** True when the two spans share at least one instant. */
    public boolean overlaps(TimeSpan other) {
        return Math.max(startMillis, other.startMillis) < Math.min(endMillis, other.endMillis);
    }

    /** The instants both spans share, or empty when they share none. */
    public Optional<TimeSpan> intersect(TimeSpan other) {
        if (!overlaps(other)) {
            return Optional.empty();
        }
        return Optional.of(new TimeSpan(
                Math.max(startMillis, other.startMillis), Math.min(endMillis, other.endMillis)));
    }

    /** Orders by start, then end. */
    @Override
    public int compareTo(TimeSpan other) {
        int byStart = Long.compare(startMillis, other.startMillis);
        return byStart != 0 ? byStart : Long.compare(endMillis, other.endMillis);
    }

    @Override
    public String toString() {
        return "[" + startMillis + ", " + endMillis + ")";
    }
}
