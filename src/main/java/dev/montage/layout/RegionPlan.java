package dev.montage.layout;

import java.util.List;
import java.util.Objects;

/**
 * The planned content of one region: its grid, the rectangle of each cell, and what each cell shows.
 *
 * <p>{@code cells.get(i)} is cell {@code i}; cells are numbered left to right, top to bottom, so a
 * region with {@code rows × cols} cells has {@code cells.size() == rows * cols}. A region without
 * sources has a 0x0 grid and no cells. Placements are ordered by cell, then by when they are
 * first assigned.
 *
 * <pre>{@code
 * RegionPlan[name=main, area=1280x720@(0,0), z=0, rows=1, cols=2,
 *            cells=[640x720@(0,0), 640x720@(640,0)], placements=[...]]
 * }</pre>
 */
public record RegionPlan(String name, Rect area, int z, int rows, int cols, List<Rect> cells, List<Placement> placements) {

    public RegionPlan {
        Ids.requireId(name, "region plan name");
        Objects.requireNonNull(area, () -> "region " + name + ": area must not be null");
        if (rows < 0 || cols < 0 || (rows == 0) != (cols == 0)) {
            throw new IllegalArgumentException("region " + name + ": a grid is either empty or has rows and columns, was "
                    + rows + "x" + cols);
        }
        cells = List.copyOf(cells);
        placements = List.copyOf(placements);
        if (cells.size() != rows * cols) {
            throw new IllegalArgumentException("region " + name + ": a " + rows + "x" + cols + " grid needs "
                    + rows * cols + " cells, got " + cells.size());
        }
        for (Rect cell : cells) {
            if (!area.contains(cell)) {
                throw new IllegalArgumentException("region " + name + ": cell " + cell + " lies outside the region " + area);
            }
        }
        for (Placement placement : placements) {
            if (placement.cell() >= cells.size()) {
                throw new IllegalArgumentException("region " + name + ": placement of " + placement.sourceId()
                        + " uses cell " + placement.cell() + " of a grid with " + cells.size() + " cells");
            }
            if (!cells.get(placement.cell()).contains(placement.frame())) {
                throw new IllegalArgumentException("region " + name + ": frame " + placement.frame() + " of "
                        + placement.sourceId() + " lies outside its cell " + cells.get(placement.cell()));
            }
        }
    }
}
