package dev.montage.layout;

import java.util.List;
import java.util.Objects;

/**
 * The planned content of one region: its phases (each a span of the session clock with its own
 * area, grid and cell rectangles) and what each cell shows.
 *
 * <p>{@code area} is the region as requested; each phase's area is that area, or (with
 * {@code expand_into}) a larger one. Phases are sorted, follow each other without gap or overlap,
 * and together cover the composition's timeline. A plain region has exactly one phase, and
 * {@link #rows}, {@link #cols} and {@link #cells} read its grid. Each placement names its phase and
 * its cell in that phase, and is assigned only within the phase's span. Placements are ordered by
 * phase, cell, then when they are first assigned.
 *
 * <pre>{@code
 * RegionPlan[name=main, area=1280x720@(0,0), z=0,
 *            phases=[RegionPhase[span=[0, 60000), area=1280x720@(0,0), rows=1, cols=2,
 *                                cells=[640x720@(0,0), 640x720@(640,0)]]],
 *            placements=[...]]
 * }</pre>
 */
public record RegionPlan(String name, Rect area, int z, List<RegionPhase> phases, List<Placement> placements) {

    public RegionPlan {
        Ids.requireId(name, "region plan name");
        Objects.requireNonNull(area, () -> "region " + name + ": area must not be null");
        phases = List.copyOf(phases);
        placements = List.copyOf(placements);
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("region " + name + ": a region plan has at least one phase");
        }
        for (int p = 1; p < phases.size(); p++) {
            if (phases.get(p - 1).span().endMillis() != phases.get(p).span().startMillis()) {
                throw new IllegalArgumentException("region " + name + ": phase " + p + " " + phases.get(p).span()
                        + " must start where phase " + (p - 1) + " " + phases.get(p - 1).span() + " ends");
            }
        }
        for (RegionPhase phase : phases) {
            if (!phase.area().contains(area)) {
                throw new IllegalArgumentException("region " + name + ": a phase's area " + phase.area()
                        + " must cover the region " + area);
            }
        }
        for (Placement placement : placements) {
            if (placement.phase() >= phases.size()) {
                throw new IllegalArgumentException("region " + name + ": placement of " + placement.sourceId()
                        + " is in phase " + placement.phase() + " of a plan with " + phases.size() + " phases");
            }
            RegionPhase phase = phases.get(placement.phase());
            if (placement.cell() >= phase.cells().size()) {
                throw new IllegalArgumentException("region " + name + ": placement of " + placement.sourceId()
                        + " uses cell " + placement.cell() + " of a grid with " + phase.cells().size() + " cells");
            }
            if (!phase.cells().get(placement.cell()).contains(placement.frame())) {
                throw new IllegalArgumentException("region " + name + ": frame " + placement.frame() + " of "
                        + placement.sourceId() + " lies outside its cell " + phase.cells().get(placement.cell()));
            }
            for (TimeSpan assigned : placement.assigned()) {
                if (!phase.span().encloses(assigned)) {
                    throw new IllegalArgumentException("region " + name + ": placement of " + placement.sourceId()
                            + " is assigned " + assigned + " outside its phase " + phase.span());
                }
            }
        }
    }

    /**
     * A region planned as one phase: one grid over {@code area} whose span runs from the first
     * assignment to the last (empty at 0 when nothing is placed).
     */
    public RegionPlan(String name, Rect area, int z, int rows, int cols, List<Rect> cells, List<Placement> placements) {
        this(name, area, z, List.of(new RegionPhase(spanOf(placements), area, rows, cols, cells)), placements);
    }

    /** The number of grid rows of a region planned as one phase. */
    public int rows() {
        return onlyPhase().rows();
    }

    /** The number of grid columns of a region planned as one phase. */
    public int cols() {
        return onlyPhase().cols();
    }

    /** The cell rectangles of a region planned as one phase. */
    public List<Rect> cells() {
        return onlyPhase().cells();
    }

    /**
     * The single phase of a plain region.
     *
     * @throws IllegalStateException when the region's grid or area changes over time: ask {@link #phases} then
     */
    public RegionPhase onlyPhase() {
        if (phases.size() != 1) {
            throw new IllegalStateException("region " + name + " changes its grid or area in " + phases.size()
                    + " phases; read phases() instead");
        }
        return phases.get(0);
    }

    private static TimeSpan spanOf(List<Placement> placements) {
        long start = placements.stream().flatMap(p -> p.assigned().stream()).mapToLong(TimeSpan::startMillis).min().orElse(0);
        long end = placements.stream().flatMap(p -> p.assigned().stream()).mapToLong(TimeSpan::endMillis).max().orElse(start);
        return new TimeSpan(start, end);
    }
}
