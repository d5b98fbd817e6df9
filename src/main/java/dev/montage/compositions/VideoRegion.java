package dev.montage.compositions;

import java.util.List;

/**
 * One region of a composition's {@code video_layout}, as accepted and echoed, with every default filled in.
 * {@code maxRows}/{@code maxColumns} are null when the client set no limit (never 0: no sentinels).
 */
public record VideoRegion(int xPos, int yPos, int zPos, int width, int height, Integer maxRows, Integer maxColumns,
        List<String> videoSources, List<String> videoSourcesExcluded, List<Integer> cellsExcluded, String reuse) {

    public VideoRegion {
        videoSources = List.copyOf(videoSources);
        videoSourcesExcluded = List.copyOf(videoSourcesExcluded);
        cellsExcluded = List.copyOf(cellsExcluded);
    }
}
