package dev.montage.layout;

import static dev.montage.layout.Fixtures.CANVAS;
import static dev.montage.layout.Fixtures.plan;
import static dev.montage.layout.Fixtures.request;
import static dev.montage.layout.Fixtures.span;
import static dev.montage.layout.Fixtures.trimmed;
import static dev.montage.layout.Fixtures.video;
import static dev.montage.layout.Fixtures.wholeCanvas;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Regions whose grid or area changes over time: adaptive_grid, exclude_shown_in, expand_into. Times in seconds. */
class PhasedRegionsTest {

    /*
     * a plain region keeps one phase over the whole timeline
     * time   0    10   20   30
     * A      |==============|
     * B           |=========|      one 1x2 grid from 0 to 30, as Twilio sizes it (by the peak)
     */
    @Test
    void plainRegion_hasOnePhaseOverTheWholeTimeline() {
        RegionPlan region = plan(request(wholeCanvas("main").build()), video("A", "pa", 0, 30), video("B", "pb", 10, 30))
                .region("main").orElseThrow();

        assertThat(region.phases()).singleElement().satisfies(phase -> {
            assertThat(phase.span()).isEqualTo(span(0, 30));
            assertThat(phase.area()).isEqualTo(CANVAS.asRect());
            assertThat(phase.rows() + "x" + phase.cols()).isEqualTo("1x2");
        });
        assertThat(region.placements()).extracting(Placement::sourceId, Placement::phase, Placement::cell)
                .containsExactly(tuple("A", 0, 0), tuple("B", 0, 1));
    }

    /*
     * adaptive_grid: a new phase whenever the grid for the sources present changes
     * time   0    10   20   30
     * A      |==============|      1x1 alone, 1x2 with B, 1x1 again after B left
     * B           |====|
     */
    @Test
    void adaptiveGrid_followsTheNumberOfSourcesPresent() {
        RegionPlan region = plan(request(wholeCanvas("main").adaptiveGrid(true).build()),
                video("A", "pa", 0, 30), video("B", "pb", 10, 20)).region("main").orElseThrow();

        assertThat(region.phases()).extracting(RegionPhase::span, phase -> phase.rows() + "x" + phase.cols())
                .containsExactly(tuple(span(0, 10), "1x1"), tuple(span(10, 20), "1x2"), tuple(span(20, 30), "1x1"));
        assertThat(region.placements()).extracting(Placement::sourceId, Placement::phase, Placement::cell, Placement::assigned)
                .containsExactly(
                        tuple("A", 0, 0, List.of(span(0, 10))),
                        tuple("A", 1, 0, List.of(span(10, 20))),
                        tuple("B", 1, 1, List.of(span(10, 20))),
                        tuple("A", 2, 0, List.of(span(20, 30))));
        assertThat(region.placements().get(0).frame()).as("alone, A fills the canvas")
                .isEqualTo(new Rect(160, 0, 960, 720));
    }

    /*
     * adaptive_grid: a count whose grid is the same keeps the phase (3 and 4 sources are both 2x2)
     * time   0    10   20
     * A,B,C  |=========|
     * D           |====|
     */
    @Test
    void adaptiveGrid_keepsThePhaseWhileTheGridStaysTheSame() {
        RegionPlan region = plan(request(wholeCanvas("main").adaptiveGrid(true).build()),
                video("A", "pa", 0, 20), video("B", "pb", 0, 20), video("C", "pc", 0, 20), video("D", "pd", 10, 20))
                .region("main").orElseThrow();

        assertThat(region.phases()).singleElement().extracting(RegionPhase::rows, RegionPhase::cols).containsExactly(2, 2);
    }

    /*
     * adaptive_grid: a source that stays keeps its seniority at a phase change: the earliest takes cell 0
     * time   0    10   20
     * B      |=========|
     * A           |====|           A's id sorts first, yet B came first and keeps cell 0
     * C           |====|
     */
    @Test
    void adaptiveGrid_sourcesPresentBeforeAPhaseKeepTheirOrder() {
        RegionPlan region = plan(request(wholeCanvas("main").adaptiveGrid(true).build()),
                video("B", "pb", 0, 20), video("A", "pa", 10, 20), video("C", "pc", 10, 20)).region("main").orElseThrow();

        assertThat(region.placements()).filteredOn(placement -> placement.phase() == 1)
                .extracting(Placement::sourceId, Placement::cell)
                .containsExactly(tuple("B", 0), tuple("A", 1), tuple("C", 2));
    }

    /*
     * speaker view: "big" shows one participant at a time (here a 1x1 show_newest region), "strip"
     * leaves out whoever big shows
     * time   0    10   20   30
     * A      |==============|      big [0,10), then the strip [10,30) in the cell D left
     * B           |=========|      big [10,30), so never in the strip
     * C      |==============|      strip throughout
     * D      |====|                strip [0,10)
     */
    @Test
    void excludeShownIn_handsTheStripCellOverWhenTheBigRegionSwitches() {
        CompositionPlan plan = plan(request(
                        wholeCanvas("big").maxRows(1).maxColumns(1).reuse(Reuse.SHOW_NEWEST).videoSources("A", "B").build(),
                        RegionSpec.builder("strip", 0, 600, 1280, 120).videoSources("*").excludeShownIn("big").z(1).build()),
                video("A", "pa", 0, 30), video("B", "pb", 10, 30), video("C", "pc", 0, 30), video("D", "pd", 0, 10));

        RegionPlan big = plan.region("big").orElseThrow();
        assertThat(big.placements()).extracting(Placement::sourceId, Placement::assigned).containsExactly(
                tuple("A", List.of(span(0, 10))), tuple("B", List.of(span(10, 30))));
        // D holds cell 1 until 10 (C and D start at 0, D ends first); at 10 D leaves and A arrives: A takes D's cell
        RegionPlan strip = plan.region("strip").orElseThrow();
        assertThat(strip.placements()).extracting(Placement::sourceId, Placement::cell, Placement::assigned)
                .containsExactly(
                        tuple("D", 0, List.of(span(0, 10))),
                        tuple("A", 0, List.of(span(10, 30))),
                        tuple("C", 1, List.of(span(0, 30))));
        assertThat(strip.phases()).singleElement().extracting(RegionPhase::rows, RegionPhase::cols).containsExactly(1, 2);
    }

    /*
     * the strip never shows the participant big shows, and B's strip cell goes to A when big switches to B
     * time   0    10   20
     * A      |=========|           big [0,10), strip [10,20) in the cell B left
     * B      |=========|           strip [0,10), big [10,20)
     * C      |=========|           strip throughout
     * big: a 1x1 show_newest region over A and B, where B's second recording at 10 takes over
     */
    @Test
    void excludeShownIn_theArrivingParticipantTakesTheCellTheLeavingOneLeft() {
        CompositionPlan plan = plan(request(
                        wholeCanvas("big").maxRows(1).maxColumns(1).reuse(Reuse.SHOW_NEWEST).videoSources("A", "B2").build(),
                        RegionSpec.builder("strip", 0, 600, 1280, 120).videoSources("A", "B1", "C").excludeShownIn("big")
                                .build()),
                video("A", "pa", 0, 20), video("B1", "pb", 0, 10), video("B2", "pb", 10, 20), video("C", "pc", 0, 20));

        RegionPlan strip = plan.region("strip").orElseThrow();
        assertThat(strip.placements()).extracting(Placement::sourceId, Placement::cell, Placement::assigned)
                .containsExactly(
                        tuple("B1", 0, List.of(span(0, 10))),
                        tuple("A", 0, List.of(span(10, 20))),
                        tuple("C", 1, List.of(span(0, 20))));
    }

    @Test
    void excludeShownIn_withAdaptiveGrid_sizesTheStripForWhoIsLeft() {
        CompositionPlan plan = plan(request(
                        wholeCanvas("big").maxRows(1).maxColumns(1).videoSources("A").build(),
                        RegionSpec.builder("strip", 0, 600, 1280, 120).videoSources("*").excludeShownIn("big")
                                .adaptiveGrid(true).build()),
                video("A", "pa", 0, 10), video("B", "pb", 0, 20), video("C", "pc", 5, 20));

        RegionPlan strip = plan.region("strip").orElseThrow();
        assertThat(strip.placements()).extracting(Placement::sourceId).doesNotContain("A");
        assertThat(strip.phases()).extracting(RegionPhase::span, phase -> phase.rows() + "x" + phase.cols())
                .containsExactly(tuple(span(0, 5), "1x1"), tuple(span(5, 20), "1x2"));
    }

    /*
     * presentation: "cameras" expands into "share" while share shows nothing
     * time    0    10   20   30
     * S            |====|           the screen share, in share (960x720 at the left)
     * A, B    |==============|      cameras: whole canvas, then the strip at the right, then whole again
     */
    @Test
    void expandInto_coversTheNamedRegionWhileItShowsNothing() {
        CompositionPlan plan = plan(request(
                        RegionSpec.builder("share", 0, 0, 960, 720).videoSources("S").build(),
                        RegionSpec.builder("cameras", 960, 0, 320, 720).videoSources("*").videoSourcesExcluded("S")
                                .maxColumns(1).expandInto("share").build()),
                video("S", "pa", 10, 20), video("A", "pa", 0, 30), video("B", "pb", 0, 30));

        RegionPlan cameras = plan.region("cameras").orElseThrow();
        Rect strip = new Rect(960, 0, 320, 720);
        assertThat(cameras.area()).isEqualTo(strip);
        assertThat(cameras.phases()).extracting(RegionPhase::span, RegionPhase::area).containsExactly(
                tuple(span(0, 10), CANVAS.asRect()), tuple(span(10, 20), strip), tuple(span(20, 30), CANVAS.asRect()));
        assertThat(cameras.phases()).allSatisfy(phase -> assertThat(phase.rows() + "x" + phase.cols()).isEqualTo("2x1"));
        assertThat(cameras.placements()).extracting(Placement::sourceId, Placement::phase, Placement::cell, Placement::frame)
                .containsExactly(
                        tuple("A", 0, 0, new Rect(400, 0, 480, 360)),
                        tuple("B", 0, 1, new Rect(400, 360, 480, 360)),
                        tuple("A", 1, 0, new Rect(960, 60, 320, 240)),
                        tuple("B", 1, 1, new Rect(960, 420, 320, 240)),
                        tuple("A", 2, 0, new Rect(400, 0, 480, 360)),
                        tuple("B", 2, 1, new Rect(400, 360, 480, 360)));
        assertThat(plan.region("share").orElseThrow().placements()).singleElement()
                .extracting(Placement::assigned).isEqualTo(List.of(span(10, 20)));
    }

    /** Trim cuts the output clock, never the phases: they stay on the session clock and cover the timeline. */
    @Test
    void expandInto_phasesStayOnTheSessionClockUnderTrim() {
        CompositionPlan plan = plan(trimmed(
                        RegionSpec.builder("share", 0, 0, 960, 720).videoSources("S").build(),
                        RegionSpec.builder("cameras", 960, 0, 320, 720).videoSources("pa").expandInto("share").build()),
                video("S", "ps", 10, 20), video("A", "pa", 0, 5), video("A2", "pa", 25, 30));

        assertThat(plan.keptSegments()).containsExactly(span(0, 5), span(10, 20), span(25, 30));
        assertThat(plan.region("cameras").orElseThrow().phases()).extracting(RegionPhase::span)
                .containsExactly(span(0, 10), span(10, 20), span(20, 30));
    }

    @Test
    void regionsArePlannedAfterTheRegionsTheyName_butDrawnByZ() {
        CompositionPlan plan = plan(request(
                        RegionSpec.builder("strip", 0, 600, 1280, 120).videoSources("*").excludeShownIn("big").z(1).build(),
                        wholeCanvas("big").maxRows(1).maxColumns(1).build()),
                video("A", "pa", 0, 10), video("B", "pb", 0, 10));

        assertThat(plan.regions()).extracting(RegionPlan::name).containsExactly("big", "strip");
        assertThat(plan.region("strip").orElseThrow().placements()).extracting(Placement::sourceId).containsExactly("B");
    }

    @Test
    void aSourceAlwaysShownElsewhere_isLeftOutWithoutAWarning() {
        CompositionPlan plan = plan(request(
                        wholeCanvas("big").videoSources("A").build(),
                        RegionSpec.builder("strip", 0, 600, 1280, 120).videoSources("*").excludeShownIn("big").build()),
                video("A", "pa", 0, 10), video("B", "pb", 0, 10));

        assertThat(plan.warnings()).isEmpty();
        assertThat(plan.region("strip").orElseThrow().placements()).extracting(Placement::sourceId).containsExactly("B");
    }

    @Test
    void unknownNamesSelfReferencesAndCycles_areRejected() {
        assertThatThrownBy(() -> request(wholeCanvas("strip").excludeShownIn("big").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'big'");
        assertThatThrownBy(() -> wholeCanvas("strip").expandInto("strip").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("itself");
        assertThatThrownBy(() -> request(wholeCanvas("a").expandInto("b").build(), wholeCanvas("b").excludeShownIn("a").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a -> b -> a");
    }

    @Test
    void regionOrder_keepsTheRequestOrderWhereReferencesAllowIt() {
        assertThat(RegionOrder.planningOrder(new java.util.LinkedHashMap<>(java.util.Map.of("a", java.util.Set.of()))))
                .containsExactly("a");
        java.util.LinkedHashMap<String, java.util.Set<String>> refs = new java.util.LinkedHashMap<>();
        refs.put("c", java.util.Set.of("b"));
        refs.put("a", java.util.Set.of());
        refs.put("b", java.util.Set.of("a"));
        refs.put("d", java.util.Set.of());
        assertThat(RegionOrder.planningOrder(refs)).containsExactly("a", "b", "c", "d");
    }

    @Test
    void aMultiPhaseRegion_hasNoSingleGridToRead() {
        RegionPlan region = plan(request(wholeCanvas("main").adaptiveGrid(true).build()),
                video("A", "pa", 0, 30), video("B", "pb", 10, 20)).region("main").orElseThrow();

        assertThatThrownBy(region::rows).isInstanceOf(IllegalStateException.class).hasMessageContaining("phases()");
    }
}
