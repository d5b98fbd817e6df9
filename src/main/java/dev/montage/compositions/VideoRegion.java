package dev.montage.compositions;

import java.util.List;

/**
 * One region of a composition's {@code video_layout}, as accepted and echoed, with every default filled in.
 * {@code maxRows}/{@code maxColumns} are null when the client set no limit (never 0: no sentinels).
 * {@code showLabels} and {@code cellSpacing} (extensions) are never null once constructed: a region stored before
 * they existed reads as {@code false} and {@code 0}, as it was drawn.
 */
public record VideoRegion(int xPos, int yPos, int zPos, int width, int height, Integer maxRows, Integer maxColumns,
        List<String> videoSources, List<String> videoSourcesExcluded, List<Integer> cellsExcluded, String reuse,
        Boolean showLabels, Integer cellSpacing) {

    public VideoRegion {
        videoSources = List.copyOf(videoSources);
        videoSourcesExcluded = List.copyOf(videoSourcesExcluded);
        cellsExcluded = List.copyOf(cellsExcluded);
        showLabels = Boolean.TRUE.equals(showLabels);
        cellSpacing = cellSpacing == null ? 0 : cellSpacing;
    }

    /** A region as Telnyx knows it: no labels, no gaps between cells. */
    public VideoRegion(int xPos, int yPos, int zPos, int width, int height, Integer maxRows, Integer maxColumns,
            List<String> videoSources, List<String> videoSourcesExcluded, List<Integer> cellsExcluded, String reuse) {
        this(xPos, yPos, zPos, width, height, maxRows, maxColumns, videoSources, videoSourcesExcluded, cellsExcluded,
                reuse, false, 0);
    }
}
