package dev.montage.layout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides which source holds which cell when: the {@code assignCells} step.
 *
 * <p>Sources are taken in order of start (ties: end, then id) and get the lowest free usable cell.
 * A source holds a cell for at most its span; what happens when no cell is free depends on
 * {@link Reuse}. Time only matters at the instants where some source starts or ends, so the
 * assignment walks those instants in order; at each one it first frees the cells of sources that
 * ended, then places the sources that start, then (for the reusing modes) refills idle cells from
 * the sources that are waiting.
 *
 * <pre>
 *  time (s)   0    5    10   15   20
 *  A          |==============|            span [0,15)
 *  B               |==============|       span [5,20)
 *
 *  one cell, show_oldest: A holds [0,15), B holds [15,20)   B waits for the cell to become idle
 *  one cell, show_newest: A holds [0,5),  B holds [5,20)    B takes over; A would come back if B
 *                                                           ended before 15
 *  one cell, none:        A holds [0,15), B never shown      the cell is not used twice
 * </pre>
 * <ul>
 *   <li>{@code NONE}: a cell is used once. A source that finds no fresh cell when it starts is
 *       never shown.</li>
 *   <li>{@code SHOW_OLDEST}: a source that finds no idle cell waits; whenever a cell becomes idle,
 *       the waiting source that started first takes the lowest idle cell and keeps it to its end.</li>
 *   <li>{@code SHOW_NEWEST}: a source that finds no idle cell takes over the cell whose current
 *       source ends first (ties: the lowest cell); the displaced source waits. Whenever a cell
 *       becomes idle, the waiting source that started last (ties: assignment order) takes the
 *       lowest idle cell, often the very cell it was displaced from.</li>
 * </ul>
 * In every mode a cell holds one source at a time and a source holds a cell only within its span.
 */
final class CellAssignment {

    /** A source holding a cell during a span of the session clock. */
    record Assignment(VideoSource source, int cell, TimeSpan span) {
    }

    private final Reuse reuse;
    /** Who goes first among sources starting at one instant, and the waiting order under show_oldest. */
    private final Comparator<VideoSource> order;
    /** Waiting order under show_newest: the source that started last first. */
    private final Comparator<VideoSource> newestFirst;
    private final TreeMap<Integer, Holder> holders = new TreeMap<>();
    private final TreeSet<Integer> idleCells;
    private final List<VideoSource> waiting = new ArrayList<>();
    private final List<Assignment> assignments = new ArrayList<>();

    /** The source that holds a cell, and since when. */
    private record Holder(VideoSource source, long since) {
    }

    private CellAssignment(List<Integer> usableCells, Reuse reuse, Comparator<VideoSource> order) {
        this.reuse = reuse;
        this.order = order;
        this.newestFirst = Comparator.comparingLong((VideoSource source) -> source.span().startMillis()).reversed()
                .thenComparing(order);
        this.idleCells = new TreeSet<>(usableCells);
    }

    /**
     * The assignments of {@code sources} to {@code usableCells} (ascending cell numbers) under
     * {@code reuse}, ordered by start, then cell. Zero-length assignments (a source displaced at
     * the instant it got its cell) are left out.
     */
    static List<Assignment> assignCells(List<VideoSource> sources, List<Integer> usableCells, Reuse reuse) {
        return assignCells(sources, usableCells, reuse, VideoSource.BY_START);
    }

    /**
     * As {@link #assignCells(List, List, Reuse)}, with {@code order} (which must agree with the sources'
     * starts) breaking ties among sources that start at one instant. A phase of a phased region passes
     * an order by when each source first appeared, so sources cut at the phase's start keep their
     * seniority.
     */
    static List<Assignment> assignCells(List<VideoSource> sources, List<Integer> usableCells, Reuse reuse,
            Comparator<VideoSource> order) {
        CellAssignment assignment = new CellAssignment(usableCells, reuse, order);
        Map<Long, List<VideoSource>> startingAt = new TreeMap<>();
        TreeSet<Long> instants = new TreeSet<>();
        for (VideoSource source : sources.stream().sorted(order).toList()) {
            startingAt.computeIfAbsent(source.span().startMillis(), t -> new ArrayList<>()).add(source);
            instants.add(source.span().startMillis());
            instants.add(source.span().endMillis());
        }
        for (long instant : instants) {
            assignment.releaseEnded(instant);
            assignment.start(startingAt.getOrDefault(instant, List.of()), instant);
            assignment.refillIdleCells(instant);
        }
        assignment.assignments.sort(Comparator
                .comparing((Assignment a) -> a.span())
                .thenComparingInt(Assignment::cell));
        return List.copyOf(assignment.assignments);
    }

    private void releaseEnded(long instant) {
        for (Map.Entry<Integer, Holder> entry : List.copyOf(holders.entrySet())) {
            if (entry.getValue().source().span().endMillis() <= instant) {
                release(entry.getKey(), entry.getValue().source().span().endMillis());
            }
        }
        waiting.removeIf(source -> source.span().endMillis() <= instant);
    }

    private void start(List<VideoSource> starting, long instant) {
        for (VideoSource source : starting) {
            switch (reuse) {
                case NONE -> {
                    // idle cells are the fresh ones here: a released cell is never returned to the pool
                    if (!idleCells.isEmpty()) {
                        hold(idleCells.first(), source, instant);
                    }
                }
                case SHOW_OLDEST -> waiting.add(source);
                case SHOW_NEWEST -> {
                    if (!idleCells.isEmpty()) {
                        hold(idleCells.first(), source, instant);
                    } else if (!holders.isEmpty()) {
                        int cell = cellWhoseSourceEndsFirst();
                        VideoSource displaced = holders.get(cell).source();
                        release(cell, instant);
                        waiting.add(displaced);
                        hold(cell, source, instant);
                    }
                }
            }
        }
    }

    private void refillIdleCells(long instant) {
        if (reuse == Reuse.NONE) {
            return;
        }
        waiting.sort(reuse == Reuse.SHOW_NEWEST ? newestFirst : order);
        while (!waiting.isEmpty() && !idleCells.isEmpty()) {
            hold(idleCells.first(), waiting.remove(0), instant);
        }
    }

    private int cellWhoseSourceEndsFirst() {
        int chosen = holders.firstKey();
        for (Map.Entry<Integer, Holder> entry : holders.entrySet()) {
            if (entry.getValue().source().span().endMillis() < holders.get(chosen).source().span().endMillis()) {
                chosen = entry.getKey();
            }
        }
        return chosen;
    }

    private void hold(int cell, VideoSource source, long instant) {
        idleCells.remove(cell);
        holders.put(cell, new Holder(source, instant));
    }

    private void release(int cell, long instant) {
        Holder holder = holders.remove(cell);
        if (instant > holder.since()) {
            assignments.add(new Assignment(holder.source(), cell, new TimeSpan(holder.since(), instant)));
        }
        if (reuse != Reuse.NONE) {
            idleCells.add(cell);
        }
    }
}
