package dev.montage.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The grid of a region: {@code rows × cols} cells, fixed for the whole composition (with
 * {@code adaptive_grid}: for one phase, sized for the sources present then).
 *
 * <p>Sizing follows DESIGN.md §4 step 3 for {@code n} sources:
 * <pre>
 *   cols = ceil(sqrt(n)); rows = ceil(n / cols)
 *   if rows &gt; max_rows:    rows = max_rows;    cols = ceil(n / rows)
 *   if cols &gt; max_columns: cols = max_columns; rows = min(ceil(n / cols), max_rows)
 * </pre>
 * e.g. 3 → 2x2, 5 → 2x3 (rows x cols), 7 with max_rows 2 → 2x4, 9 with max_rows 2 and
 * max_columns 7 → 2x5. No sources → a 0x0 grid.
 *
 * <p><b>cells_excluded.</b> Excluded cells never receive a source, yet the request asked for room
 * for {@code n} sources. So an excluded cell that falls inside the grid counts as one more source
 * to make room for: the grid is sized for {@code n + k}, where {@code k} is the number of excluded
 * cells inside that grid, repeated until {@code k} stops growing (it can only grow, and at most to
 * the number of excluded cells, so this ends). Excluded cell numbers beyond the final grid have no
 * effect. With max_rows/max_columns the grid may still hold fewer usable cells than sources; the
 * reuse mode then decides who is shown.
 *
 * <pre>{@code
 * // 3 sources, cell 0 excluded: 2x2 holds cell 0 → sized for 4 → still 2x2, cells 1, 2, 3 used
 * // 4 sources, cell 0 excluded: 2x2 holds cell 0 → sized for 5 → 2x3, cells 1..5 used
 * }</pre>
 */
record Grid(int rows, int cols) {

    static final Grid EMPTY = new Grid(0, 0);

    Grid {
        if (rows < 0 || cols < 0 || (rows == 0) != (cols == 0)) {
            throw new IllegalArgumentException("a grid is either empty or has rows and columns, was " + rows + "x" + cols);
        }
    }

    int cellCount() {
        return rows * cols;
    }

    /** The cells that may receive a source, ascending. */
    List<Integer> usableCells(Set<Integer> cellsExcluded) {
        List<Integer> usable = new ArrayList<>();
        for (int cell = 0; cell < cellCount(); cell++) {
            if (!cellsExcluded.contains(cell)) {
                usable.add(cell);
            }
        }
        return usable;
    }

    /**
     * The most sources whose spans share one instant. Spans are half-open, so a source ending at
     * t and another starting at t are never counted together.
     */
    static int peakConcurrency(List<VideoSource> sources) {
        List<long[]> edges = new ArrayList<>();
        for (VideoSource source : sources) {
            edges.add(new long[] {source.span().startMillis(), +1});
            edges.add(new long[] {source.span().endMillis(), -1});
        }
        // at equal instants ends (-1) come before starts (+1): touching spans do not overlap
        edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int current = 0;
        int peak = 0;
        for (long[] edge : edges) {
            current += (int) edge[1];
            peak = Math.max(peak, current);
        }
        return peak;
    }

    /** The grid for {@code n} sources under the optional limits (the rule in the class comment). */
    static Grid gridDimensions(int n, OptionalInt maxRows, OptionalInt maxColumns) {
        if (n < 0) {
            throw new IllegalArgumentException("the number of sources must not be negative, was " + n);
        }
        if (n == 0) {
            return EMPTY;
        }
        int cols = ceilSqrt(n);
        int rows = ceilDiv(n, cols);
        if (maxRows.isPresent() && rows > maxRows.getAsInt()) {
            rows = maxRows.getAsInt();
            cols = ceilDiv(n, rows);
        }
        if (maxColumns.isPresent() && cols > maxColumns.getAsInt()) {
            cols = maxColumns.getAsInt();
            rows = ceilDiv(n, cols);
            if (maxRows.isPresent()) {
                rows = Math.min(rows, maxRows.getAsInt());
            }
        }
        return new Grid(rows, cols);
    }

    /** The grid for {@code n} sources that also makes room for the excluded cells inside it (see the class comment). */
    static Grid gridDimensions(int n, OptionalInt maxRows, OptionalInt maxColumns, Set<Integer> cellsExcluded) {
        if (n == 0) {
            return EMPTY;
        }
        int excludedInside = 0;
        while (true) {
            Grid grid = gridDimensions(n + excludedInside, maxRows, maxColumns);
            int nowInside = excludedInside(grid, cellsExcluded);
            if (nowInside <= excludedInside) {
                return grid;
            }
            excludedInside = nowInside;
        }
    }

    private static int excludedInside(Grid grid, Set<Integer> cellsExcluded) {
        return (int) cellsExcluded.stream().filter(cell -> cell < grid.cellCount()).count();
    }

    private static int ceilSqrt(int n) {
        int root = (int) Math.sqrt(n);
        while ((long) root * root < n) {
            root++;
        }
        while (root > 1 && (long) (root - 1) * (root - 1) >= n) {
            root--;
        }
        return root;
    }

    private static int ceilDiv(int dividend, int divisor) {
        return (dividend + divisor - 1) / divisor;
    }

    @Override
    public String toString() {
        return rows + "x" + cols;
    }
}
