package dev.montage.layout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * One region of the requested video layout, already validated and with its defaults applied.
 *
 * <p>The region covers {@code [x, x+width) × [y, y+height)} of the canvas and is drawn over regions
 * with a lower {@code z}. Its video comes from the recordings named in {@code videoSources}
 * (recording ids, participant ids, track-name patterns such as {@code "screen*"}, or {@code "*"} for all)
 * minus those named in {@code videoSourcesExcluded}; an empty {@code videoSources} shows nothing, as in Twilio.
 * {@code maxRows} and {@code maxColumns} are empty when the request set no limit.
 * {@code cellsExcluded} lists cell numbers (0-based, left to right, top to bottom) that never
 * receive a source; it iterates in ascending order. {@code cellSpacing} is the gap in pixels between
 * neighbouring cells (not along the region's edges; see {@code CellGeometry}), 0 for none.
 *
 * <p>Three extensions make the region follow the session (see {@link LayoutPlanner} and
 * docs/compositions.md): with {@code adaptiveGrid} the grid is sized for the sources present at each
 * instant instead of the peak; {@code excludeShownIn} names regions whose participants this region
 * leaves out while they hold a cell there (the strip of a speaker view); {@code expandInto} names
 * regions whose areas this region takes over while they show nothing (the cameras of a presentation
 * layout). Named regions must exist in the same request, and the references must not form a cycle
 * ({@link LayoutRequest} checks).
 *
 * <p>{@code activeSpeaker} is present for a region that shows one participant at a time, the dominant speaker,
 * by those rules ({@link ActiveSpeaker}); its grid is then always 1x1 and {@code maxRows}, {@code maxColumns},
 * {@code cellsExcluded} and {@code reuse} have no effect. Empty: an ordinary grid.
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
        boolean adaptiveGrid,
        List<String> excludeShownIn,
        List<String> expandInto,
        Optional<SpeakerRules> activeSpeaker,

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
        excludeShownIn = copyOfRegionNames(excludeShownIn, "exclude_shown_in", name);
        expandInto = copyOfRegionNames(expandInto, "expand_into", name);
        Objects.requireNonNull(activeSpeaker, () -> "region " + name
                + ": activeSpeaker must not be null (Optional.empty() for a grid)");
        if (cellSpacing < 0) {
            throw new IllegalArgumentException("region " + name + ": cell_spacing must not be negative, was "
                    + cellSpacing);
        }
    }

    /** A region as Twilio and Telnyx know it: one grid for the whole composition, no references to other regions. */
    public RegionSpec(String name, int x, int y, int width, int height, int z, OptionalInt maxRows,
            OptionalInt maxColumns, List<String> videoSources, List<String> videoSourcesExcluded,
            Set<Integer> cellsExcluded, Reuse reuse) {
        this(name, x, y, width, height, z, maxRows, maxColumns, videoSources, videoSourcesExcluded, cellsExcluded,
                reuse, false, List.of(), List.of(), Optional.empty(), 0);
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

    /** True when this region shows the given recording (the rule is {@code Ids.names}). */
    public boolean selects(VideoTrack track) {
        return Ids.selects(videoSources, videoSourcesExcluded, track.recordingId(), track.participantId(),
                track.trackName());
    }

    /** The regions this one must be planned after: those it excludes the participants of or expands into. */
    public Set<String> dependsOn() {
        Set<String> names = new TreeSet<>(excludeShownIn);
        names.addAll(expandInto);
        return Collections.unmodifiableSet(names);
    }

    /** True when the region's area or grid may change during the composition, so that it is planned in several phases. */
    public boolean isPhased() {
        return adaptiveGrid || !expandInto.isEmpty();
    }

    private static List<String> copyOfRegionNames(List<String> names, String what, String name) {
        List<String> copy = Ids.copyOfIds(names, "region " + name + ": " + what);
        if (copy.contains(name)) {
            throw new IllegalArgumentException("region " + name + ": " + what + " must not name the region itself");
        }
        if (new TreeSet<>(copy).size() != copy.size()) {
            throw new IllegalArgumentException("region " + name + ": " + what + " names a region twice: " + copy);
        }
        return copy;
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
        private boolean adaptiveGrid;
        private List<String> excludeShownIn = List.of();
        private List<String> expandInto = List.of();
        private Optional<SpeakerRules> activeSpeaker = Optional.empty();
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

        public Builder adaptiveGrid(boolean adaptiveGrid) {
            this.adaptiveGrid = adaptiveGrid;
            return this;
        }

        public Builder excludeShownIn(String... regions) {
            this.excludeShownIn = new ArrayList<>(List.of(regions));
            return this;
        }

        public Builder expandInto(String... regions) {
            this.expandInto = new ArrayList<>(List.of(regions));
            return this;
        }

        /** Makes the region follow the active speaker by these rules. */
        public Builder activeSpeaker(SpeakerRules rules) {
            this.activeSpeaker = Optional.of(rules);
            return this;
        }

        public Builder cellSpacing(int cellSpacing) {
            this.cellSpacing = cellSpacing;
            return this;
        }

        public RegionSpec build() {
            return new RegionSpec(name, x, y, width, height, z, maxRows, maxColumns,
                    videoSources, videoSourcesExcluded, cellsExcluded, reuse, adaptiveGrid, excludeShownIn, expandInto,
                    activeSpeaker, cellSpacing);
        }
    }
}
