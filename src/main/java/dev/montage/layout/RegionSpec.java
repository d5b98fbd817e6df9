package dev.montage.layout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * One region of the requested video layout, already validated and with its defaults applied.
 *
 * <p>The region covers {@code [x, x+width) × [y, y+height)} of the canvas and is drawn over regions
 * with a lower {@code z}. Its video comes from the recordings named in {@code videoSources}
 * (recording ids, participant ids, or {@code "*"} for all) minus those named in
 * {@code videoSourcesExcluded}; an empty {@code videoSources} shows nothing, as in Twilio.
 * {@code maxRows} and {@code maxColumns} are empty when the request set no limit.
 * {@code cellsExcluded} lists cell numbers (0-based, left to right, top to bottom) that never
 * receive a source; it iterates in ascending order. {@code cellSpacing} is the gap in pixels between
 * neighbouring cells (not along the region's edges; see {@code CellGeometry}), 0 for none.
 *
 * <pre>{@code
 * RegionSpec main = RegionSpec.builder("main", 0, 0, 1280, 720)
 *         .videoSources("*")
 *         .maxRows(2)
 *         .reuse(Reuse.SHOW_NEWEST)
 *         .build();
 * }</pre>
 */
public record RegionSpec(
        String name,
        int x,
        int y,
        int width,
        int height,
        int z,
        OptionalInt maxRows,
        OptionalInt maxColumns,
        List<String> videoSources,
        List<String> videoSourcesExcluded,
        Set<Integer> cellsExcluded,
        Reuse reuse,
        int cellSpacing) {

    public RegionSpec {
        Ids.requireId(name, "region name");
        if (x < 0 || y < 0) {
            throw new IllegalArgumentException("region " + name + ": x_pos and y_pos must not be negative, were "
                    + x + " and " + y);
        }
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("region " + name + ": width and height must be positive, were "
                    + width + " and " + height);
        }
        requireAtLeastOne(maxRows, "max_rows", name);
        requireAtLeastOne(maxColumns, "max_columns", name);
        videoSources = Ids.copyOfIds(videoSources, "region " + name + ": video_sources");
        videoSourcesExcluded = Ids.copyOfIds(videoSourcesExcluded, "region " + name + ": video_sources_excluded");
        cellsExcluded = copyOfCells(cellsExcluded, name);
        Objects.requireNonNull(reuse, () -> "region " + name + ": reuse must not be null");
        if (cellSpacing < 0) {
            throw new IllegalArgumentException("region " + name + ": cell_spacing must not be negative, was "
                    + cellSpacing);
        }
    }

    /** A region without gaps between its cells, as Telnyx and Twilio draw them. */
    public RegionSpec(String name, int x, int y, int width, int height, int z, OptionalInt maxRows,
            OptionalInt maxColumns, List<String> videoSources, List<String> videoSourcesExcluded,
            Set<Integer> cellsExcluded, Reuse reuse) {
        this(name, x, y, width, height, z, maxRows, maxColumns, videoSources, videoSourcesExcluded, cellsExcluded,
                reuse, 0);
    }

    /**
     * Starts a region at the given place with the defaults: z 0, no row or column limit, no video, show_oldest,
     * no gap between cells.
     */
    public static Builder builder(String name, int x, int y, int width, int height) {
        return new Builder(name, x, y, width, height);
    }

    /** The area the region covers on the canvas. */
    public Rect area() {
        return new Rect(x, y, width, height);
    }

    /** True when this region shows the given recording. */
    public boolean selects(VideoTrack track) {
        return Ids.selects(videoSources, videoSourcesExcluded, track.recordingId(), track.participantId());
    }

    private static void requireAtLeastOne(OptionalInt limit, String what, String name) {
        Objects.requireNonNull(limit, () -> "region " + name + ": " + what + " must not be null (use OptionalInt.empty())");
        if (limit.isPresent() && limit.getAsInt() < 1) {
            throw new IllegalArgumentException("region " + name + ": " + what + " must be at least 1, was " + limit.getAsInt());
        }
    }

    private static Set<Integer> copyOfCells(Set<Integer> cells, String name) {
        if (cells == null) {
            throw new IllegalArgumentException("region " + name + ": cells_excluded must not be null (use an empty set)");
        }
        // A sorted copy: Set.copyOf would iterate in an order that changes between JVM runs,
        // and plans must be deterministic.
        TreeSet<Integer> sorted = new TreeSet<>();
        for (Integer cell : cells) {
            if (cell == null || cell < 0) {
                throw new IllegalArgumentException("region " + name + ": cells_excluded entries must be cell numbers >= 0, found " + cell);
            }
            sorted.add(cell);
        }
        return Collections.unmodifiableSortedSet(sorted);
    }

    /** Collects a region's optional settings; only the name and area are required. */
    public static final class Builder {
        private final String name;
        private final int x;
        private final int y;
        private final int width;
        private final int height;
        private int z;
        private OptionalInt maxRows = OptionalInt.empty();
        private OptionalInt maxColumns = OptionalInt.empty();
        private List<String> videoSources = List.of();
        private List<String> videoSourcesExcluded = List.of();
        private Set<Integer> cellsExcluded = Set.of();
        private Reuse reuse = Reuse.SHOW_OLDEST;
        private int cellSpacing;

        private Builder(String name, int x, int y, int width, int height) {
            this.name = name;
            this.x = x;
            this.y = y;
            this.width = width;
            this.height = height;
        }

        public Builder z(int z) {
            this.z = z;
            return this;
        }

        public Builder maxRows(int maxRows) {
            this.maxRows = OptionalInt.of(maxRows);
            return this;
        }

        public Builder maxColumns(int maxColumns) {
            this.maxColumns = OptionalInt.of(maxColumns);
            return this;
        }

        public Builder videoSources(String... ids) {
            this.videoSources = new ArrayList<>(List.of(ids));
            return this;
        }

        public Builder videoSourcesExcluded(String... ids) {
            this.videoSourcesExcluded = new ArrayList<>(List.of(ids));
            return this;
        }

        public Builder cellsExcluded(Integer... cells) {
            this.cellsExcluded = Set.of(cells);
            return this;
        }

        public Builder reuse(Reuse reuse) {
            this.reuse = reuse;
            return this;
        }

        public Builder cellSpacing(int cellSpacing) {
            this.cellSpacing = cellSpacing;
            return this;
        }

        public RegionSpec build() {
            return new RegionSpec(name, x, y, width, height, z, maxRows, maxColumns,
                    videoSources, videoSourcesExcluded, cellsExcluded, reuse, cellSpacing);
        }
    }
}
