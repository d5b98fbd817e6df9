package dev.montage.layout;

import java.util.List;
import java.util.Objects;

/**
 * A span of the session clock during which a region keeps one area and one grid.
 *
 * <p>A plain region has one phase for the whole composition. A region with {@code adaptive_grid} starts
 * a new phase whenever the number of its sources present changes, and one with {@code expand_into}
 * whenever the area it covers changes. {@code cells.get(i)} is cell {@code i} of this phase, numbered
 * left to right, top to bottom; a phase without sources has a 0x0 grid and no cells.
 *
 * <pre>{@code
 * // the cameras of a presentation layout while someone shares: the strip at the right
 * RegionPhase[span=[10000, 20000), area=80x180@(240,0), rows=2, cols=1,
 *             cells=[80x90@(240,0), 80x90@(240,90)]]
 * }</pre>
 */
public record RegionPhase(TimeSpan span, Rect area, int rows, int cols, List<Rect> cells) {

    public RegionPhase {
        Objects.requireNonNull(span, "phase span must not be null");
        Objects.requireNonNull(area, "phase area must not be null");
        if (rows < 0 || cols < 0 || (rows == 0) != (cols == 0)) {
            throw new IllegalArgumentException("a grid is either empty or has rows and columns, was " + rows + "x" + cols);
        }
        cells = List.copyOf(cells);
        if (cells.size() != rows * cols) {
            throw new IllegalArgumentException("a " + rows + "x" + cols + " grid needs " + rows * cols + " cells, got "
                    + cells.size());
        }
        for (Rect cell : cells) {
            if (!area.contains(cell)) {
                throw new IllegalArgumentException("cell " + cell + " lies outside the phase's area " + area);
            }
        }
    }
}
