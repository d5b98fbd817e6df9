package dev.montage.media;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.PriorityQueue;

import dev.montage.layout.TimeSpan;

/**
 * Folds a video stream's packets, one at a time as ffprobe lists them, into the spans that have pictures:
 * consecutive packets closer than the gap belong to one span, which lasts until the end of its last packet.
 * It holds a small window of packets, not the stream: ffprobe lists packets in decoding order, which differs
 * from presentation order by a few pictures where a codec uses B-frames, so the window puts them back in
 * order before they are folded. A packet more than the window out of place (only a damaged file has one)
 * lands in the span being built.
 *
 * <pre>{@code
 * PacketSpans spans = new PacketSpans(1000);
 * spans.add(0, 33); spans.add(33, 33); spans.add(5000, 33);
 * spans.spans();   // [0..66, 5000..5033]
 * }</pre>
 */
final class PacketSpans {

    /** Far more than any codec's reordering depth (H.264 allows 16). */
    static final int REORDER_WINDOW = 64;

    private final long gapMillis;
    private final PriorityQueue<long[]> window = new PriorityQueue<>(REORDER_WINDOW + 1,
            Comparator.comparingLong(packet -> packet[0]));
    private final List<TimeSpan> spans = new ArrayList<>();
    private long spanStart = -1;
    private long spanEnd = -1;
    private long lastPts;
    /**
     * How many steps from one picture to the next inside a span took each number of milliseconds (a step is at most
     * the gap): the stream's frame rate, by the median step.
     */
    private final long[] stepsOfMillis;
    private long steps;

    PacketSpans(long gapMillis) {
        this.gapMillis = gapMillis;
        this.stepsOfMillis = new long[Math.toIntExact(gapMillis) + 1];
    }

    /** One packet: its presentation time and duration in milliseconds (a duration below 1 counts as 1). */
    void add(long ptsMillis, long durationMillis) {
        window.add(new long[] {ptsMillis, Math.max(durationMillis, 1)});
        if (window.size() > REORDER_WINDOW) {
            fold(window.poll());
        }
    }

    /**
     * Pictures per second inside the spans, by the typical step from one packet to the next: around the median step,
     * see {@link #typicalStep} (gaps of a camera that was off are not steps). Not the mean step: a 30 fps camera that
     * dropped a few frames still steps 33 ms most of the time, and a composition at the mean's 29 fps would drop one
     * of its frames every second. Empty without two packets a step apart. Packet durations play no part: many files
     * leave them out.
     */
    OptionalDouble framesPerSecond() {
        spans(); // folds what waits in the window
        long middle = (steps + 1) / 2;
        long seen = 0;
        for (int millis = 0; millis < stepsOfMillis.length && steps > 0; millis++) {
            seen += stepsOfMillis[millis];
            if (seen >= middle) {
                return millis == 0 ? OptionalDouble.empty() : OptionalDouble.of(1000.0 / typicalStep(millis));
            }
        }
        return OptionalDouble.empty();
    }

    /**
     * The mean of the steps within a millisecond of the median one: a container counting milliseconds steps a 30 fps
     * stream by 33 and 34 ms, whose median alone says 30.3 fps.
     */
    private double typicalStep(int median) {
        long count = 0;
        long millis = 0;
        for (int step = Math.max(1, median - 1); step <= Math.min(stepsOfMillis.length - 1, median + 1); step++) {
            count += stepsOfMillis[step];
            millis += stepsOfMillis[step] * step;
        }
        return (double) millis / count;
    }

    /** The spans of all packets added, in time order. */
    List<TimeSpan> spans() {
        while (!window.isEmpty()) {
            fold(window.poll());
        }
        List<TimeSpan> all = new ArrayList<>(spans);
        if (spanStart >= 0) {
            all.add(new TimeSpan(spanStart, spanEnd));
        }
        return List.copyOf(all);
    }

    /** The packets waiting in the window to be folded. */
    int held() {
        return window.size();
    }

    private void fold(long[] packet) {
        if (spanStart < 0) {
            spanStart = packet[0];
        } else if (packet[0] - spanEnd > gapMillis) {
            spans.add(new TimeSpan(spanStart, spanEnd));
            spanStart = packet[0];
        } else {
            steps++;
            // a packet out of the window's reach (a damaged file) may step back: it counts as no time; a step after a
            // long packet may pass the gap: it counts as the longest
            stepsOfMillis[(int) Math.min(stepsOfMillis.length - 1, Math.max(0, packet[0] - lastPts))]++;
        }
        lastPts = packet[0];
        spanEnd = Math.max(spanEnd, packet[0] + packet[1]);
    }
}
