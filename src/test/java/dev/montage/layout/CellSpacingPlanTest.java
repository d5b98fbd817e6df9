package dev.montage.layout;

import static dev.montage.layout.Fixtures.video;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** cell_spacing through the planner: the gap lies between cells, pictures fit their narrower cells. */
class CellSpacingPlanTest {

    @Test
    void threeSourcesSideBySide_areSeparatedByTheGap_andFitInsideTheirCells() {
        RegionSpec strip = RegionSpec.builder("strip", 0, 0, 640, 120).videoSources("*").maxRows(1).cellSpacing(10)
                .build();

        CompositionPlan plan = plan(strip, 3);

        RegionPlan region = plan.region("strip").orElseThrow();
        // (640 - 2 x 10) / 3 = 206.7 -> 206 pixels each
        assertThat(region.cells()).containsExactly(new Rect(0, 0, 206, 120), new Rect(216, 0, 206, 120),
                new Rect(432, 0, 206, 120));
        assertThat(region.placements()).allSatisfy(placement ->
                assertThat(region.cells().get(placement.cell()).contains(placement.frame())).isTrue());
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void aGapTooWideForTheGrid_isNarrowedWithAWarning() {
        RegionSpec strip = RegionSpec.builder("strip", 0, 0, 40, 40).videoSources("*").maxRows(1).cellSpacing(18)
                .build();

        CompositionPlan plan = plan(strip, 4);

        // 4 columns of at least 2 pixels in 40: gaps of (40 - 8) / 3 = 10.7 -> 10
        assertThat(plan.region("strip").orElseThrow().cells()).extracting(Rect::x).containsExactly(0, 12, 24, 36);
        assertThat(plan.warnings()).containsExactly(
                "region strip: cell_spacing 18 leaves no room for a 1x4 grid in 40x40; the cells are 10 pixels apart");
    }

    private static CompositionPlan plan(RegionSpec region, int people) {
        List<VideoTrack> video = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            video.add(video("r" + i, "p" + i, 0, 10));
        }
        return LayoutPlanner.plan(video, List.of(), new LayoutRequest(new Resolution(640, 360), List.of(region),
                AudioSelection.ALL, true));
    }
}
