package dev.montage.compositions;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One region of a composition's {@code video_layout}, as accepted and echoed, with every default filled in.
 * {@code maxRows}/{@code maxColumns} are null when the client set no limit (never 0: no sentinels).
 *
 * <p>The extensions that let a region follow the session ({@code adaptive_grid}, {@code exclude_shown_in},
 * {@code expand_into}) are echoed only when set, so a plain Telnyx region reads back exactly as before; a layout
 * stored before they existed reads as a plain region ({@code adaptiveGrid} is a {@code Boolean} for that reading
 * only: it is never null once constructed).
 *
 * <p>{@code focus} is {@code "active_speaker"} for a region that shows the dominant speaker, with its rules
 * {@code minDominanceMs} and {@code minHoldMs} (defaults filled in); for an ordinary grid all three are null and
 * left out of the JSON, so a plain Telnyx request is echoed exactly as before (and rows stored before the option
 * existed read as grids).
 *
 * <p>{@code showLabels} and {@code cellSpacing} (extensions) are never null once constructed: a region stored before
 * they existed reads as {@code false} and {@code 0}, as it was drawn.
 */
public record VideoRegion(int xPos, int yPos, int zPos, int width, int height, Integer maxRows, Integer maxColumns,
        List<String> videoSources, List<String> videoSourcesExcluded, List<Integer> cellsExcluded, String reuse,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) Boolean adaptiveGrid,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> excludeShownIn,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> expandInto,
        @JsonInclude(JsonInclude.Include.NON_NULL) String focus,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer minDominanceMs,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer minHoldMs,
        Boolean showLabels, Integer cellSpacing) {

    /** The one value of {@code focus} besides the default grid. */
    static final String ACTIVE_SPEAKER = "active_speaker";

    public VideoRegion {
        videoSources = List.copyOf(videoSources);
        videoSourcesExcluded = List.copyOf(videoSourcesExcluded);
        cellsExcluded = List.copyOf(cellsExcluded);
        adaptiveGrid = Boolean.TRUE.equals(adaptiveGrid);
        excludeShownIn = excludeShownIn == null ? List.of() : List.copyOf(excludeShownIn);
        expandInto = expandInto == null ? List.of() : List.copyOf(expandInto);
        showLabels = Boolean.TRUE.equals(showLabels);
        cellSpacing = cellSpacing == null ? 0 : cellSpacing;
    }

    /** A region as Telnyx knows it, with none of the extensions that make it follow the session. */
    public VideoRegion(int xPos, int yPos, int zPos, int width, int height, Integer maxRows, Integer maxColumns,
            List<String> videoSources, List<String> videoSourcesExcluded, List<Integer> cellsExcluded, String reuse) {
        this(xPos, yPos, zPos, width, height, maxRows, maxColumns, videoSources, videoSourcesExcluded, cellsExcluded,
                reuse, false, List.of(), List.of(), null, null, null, false, 0);
    }

    boolean followsActiveSpeaker() {
        return ACTIVE_SPEAKER.equals(focus);
    }
}
