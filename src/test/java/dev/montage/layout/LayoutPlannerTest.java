package dev.montage.layout;

import static dev.montage.layout.Fixtures.CANVAS;
import static dev.montage.layout.Fixtures.onlyRegion;
import static dev.montage.layout.Fixtures.placementOf;
import static dev.montage.layout.Fixtures.span;
import static dev.montage.layout.Fixtures.video;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Geometry and drawing order of whole plans. */
class LayoutPlannerTest {

    @Test
    void sourcesAreFittedInsideTheirCellsWithBlackBars() {
        // a 1280x240 strip split in two 640x240 cells; 160x120 pictures scale x2 to 320x240
        RegionSpec strip = RegionSpec.builder("strip", 0, 240, 1280, 240).videoSources("*").build();
        RegionPlan region = onlyRegion(LayoutPlanner.plan(List.of(
                        VideoTrack.continuous("A", "pa", span(0, 10), 160, 120),
                        VideoTrack.continuous("B", "pb", span(0, 10), 160, 120)),
                List.of(), Fixtures.request(strip)));

        assertThat(region.cells()).containsExactly(new Rect(0, 240, 640, 240), new Rect(640, 240, 640, 240));
        assertThat(placementOf(region, "A").frame()).isEqualTo(new Rect(160, 240, 320, 240));
        assertThat(placementOf(region, "B").frame()).isEqualTo(new Rect(640 + 160, 240, 320, 240));
    }

    @Test
    void regionsAreListedInDrawingOrderByZThenName() {
        CompositionPlan plan = Fixtures.plan(Fixtures.request(
                        RegionSpec.builder("top", 0, 0, 320, 180).videoSources("*").z(2).build(),
                        RegionSpec.builder("bottom", 0, 0, 1280, 720).videoSources("*").z(1).build(),
                        RegionSpec.builder("alpha", 640, 360, 640, 360).videoSources("*").z(1).build(),
                        RegionSpec.builder("under", 0, 0, 1280, 720).videoSources("*").z(-5).build()),
                video("A", "pa", 0, 10));

        assertThat(plan.regions()).extracting(RegionPlan::name).containsExactly("under", "alpha", "bottom", "top");
        assertThat(plan.regions()).extracting(RegionPlan::z).containsExactly(-5, 1, 1, 2);
    }

    @Test
    void aRecordingMayAppearInSeveralRegions() {
        CompositionPlan plan = Fixtures.plan(Fixtures.request(
                        RegionSpec.builder("left", 0, 0, 640, 720).videoSources("*").build(),
                        RegionSpec.builder("right", 640, 0, 640, 720).videoSources("pa").build()),
                video("A", "pa", 0, 10), video("B", "pb", 0, 10));

        assertThat(plan.region("left").orElseThrow().placements()).hasSize(2);
        assertThat(plan.region("right").orElseThrow().placements()).extracting(Placement::sourceId).containsExactly("A");
    }

    @Test
    void aRegionWithoutSourcesHasNoGrid() {
        CompositionPlan plan = Fixtures.plan(Fixtures.request(
                        RegionSpec.builder("main", 0, 0, 1280, 720).videoSources("*").build(),
                        RegionSpec.builder("empty", 0, 0, 320, 180).videoSources("nobody").build()),
                video("A", "pa", 0, 10));

        RegionPlan empty = plan.region("empty").orElseThrow();
        assertThat(empty.rows()).isZero();
        assertThat(empty.cols()).isZero();
        assertThat(empty.cells()).isEmpty();
        assertThat(empty.placements()).isEmpty();
    }

    @Test
    void equalInputsInAnyOrderGiveEqualPlans() {
        List<VideoTrack> video = new ArrayList<>(List.of(
                video("A", "pa", 0, 10), video("B", "pb", 2, 12), video("C", "pa", 11, 20),
                video("D", "pd", 3, 30), video("E", "pe", 0, 0)));
        LayoutRequest request = Fixtures.request(Fixtures.wholeCanvas("main").maxRows(1).build());
        CompositionPlan first = LayoutPlanner.plan(video, List.of(), request);

        Collections.shuffle(video, new Random(42));

        assertThat(LayoutPlanner.plan(video, List.of(), request)).isEqualTo(first);
    }

    @Test
    void duplicateRecordingIdsAreRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LayoutPlanner.plan(List.of(video("A", "pa", 0, 10), video("A", "pb", 0, 10)), List.of(),
                        Fixtures.request(Fixtures.wholeCanvas("main").build())))
                .withMessage("two video recordings share the id A");
    }

    @Test
    void theCanvasOfThePlanIsTheRequestedOne() {
        assertThat(Fixtures.plan(Fixtures.request(Fixtures.wholeCanvas("main").build()), video("A", "pa", 0, 1)).canvas())
                .isEqualTo(CANVAS);
    }
}
