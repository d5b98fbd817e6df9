package dev.montage.layout;

import static dev.montage.layout.Fixtures.onlyRegion;
import static dev.montage.layout.Fixtures.placementOf;
import static dev.montage.layout.Fixtures.placementsOf;
import static dev.montage.layout.Fixtures.plan;
import static dev.montage.layout.Fixtures.request;
import static dev.montage.layout.Fixtures.span;
import static dev.montage.layout.Fixtures.video;
import static dev.montage.layout.Fixtures.wholeCanvas;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The reuse modes of DESIGN.md §4 step 3, each drawn as a timeline in seconds. */
class ReuseScenariosTest {

    /*
     * one cell (max 1x1), reuse = show_oldest
     * time   0    10   20   30
     * A      |=========|              holds the cell [0,20)
     * B           |=========|         waits, then holds [20,30)
     */
    @Test
    void showOldest_newSourceWaitsForIdleCell() {
        RegionPlan region = onlyRegion(plan(request(wholeCanvas("main").maxRows(1).maxColumns(1).reuse(Reuse.SHOW_OLDEST).build()),
                video("A", "pa", 0, 20), video("B", "pb", 10, 30)));

        assertThat(region.rows()).isEqualTo(1);
        assertThat(region.cols()).isEqualTo(1);
        assertThat(placementOf(region, "A").visible()).containsExactly(span(0, 20));
        assertThat(placementOf(region, "B").visible()).containsExactly(span(20, 30));
        assertThat(placementOf(region, "B").cell()).isZero();
    }

    /*
     * two cells (max 1x2), reuse = show_oldest
     * time   0    5    10   20   30   40
     * A      |=========|                       cell 0 [0,20)
     * B      |==================|              cell 1 [0,30)
     * C           |=======================|    waits from 5, cell 0 [20,40): it waited longest
     * D                |==================|    waits from 10, cell 1 [30,40)
     */
    @Test
    void showOldest_longestWaitingSourceTakesLowestIdleCell() {
        RegionPlan region = onlyRegion(plan(request(wholeCanvas("main").maxRows(1).maxColumns(2).build()),
                video("A", "pa", 0, 20), video("B", "pb", 0, 30), video("C", "pc", 5, 40), video("D", "pd", 10, 40)));

        assertThat(placementOf(region, "A").cell()).isZero();
        assertThat(placementOf(region, "B").cell()).isEqualTo(1);
        assertThat(placementOf(region, "C").cell()).isZero();
        assertThat(placementOf(region, "C").visible()).containsExactly(span(20, 40));
        assertThat(placementOf(region, "D").cell()).isEqualTo(1);
        assertThat(placementOf(region, "D").visible()).containsExactly(span(30, 40));
    }

    /*
     * one cell, reuse = show_oldest: B's whole span passes while A holds the only cell
     * time   0    10   20   30
     * A      |==============|
     * B           |====|           never shown → warning
     */
    @Test
    void showOldest_sourceWhoseSpanEndsWhileWaitingIsNeverShown() {
        CompositionPlan plan = plan(request(wholeCanvas("main").maxRows(1).maxColumns(1).build()),
                video("A", "pa", 0, 30), video("B", "pb", 10, 20));

        assertThat(placementsOf(onlyRegion(plan), "B")).isEmpty();
        assertThat(plan.warnings()).containsExactly(
                "region main: source B of participant pb is never shown: no cell became idle during its span (reuse=show_oldest)");
    }

    /*
     * two cells (max 1x2), reuse = show_newest
     * time   0 2  10   20   30   40
     * A      |===================|     cell 0 throughout: ends last
     * B        |============|          cell 1 [2,10), displaced by C, back in cell 1 [20,30)
     * C           |====|               takes B's cell: B ends before A
     */
    @Test
    void showNewest_takesCellOfSourceEndingFirst() {
        RegionPlan region = onlyRegion(plan(request(wholeCanvas("main").maxRows(1).maxColumns(2).reuse(Reuse.SHOW_NEWEST).build()),
                video("A", "pa", 0, 40), video("B", "pb", 2, 30), video("C", "pc", 10, 20)));

        assertThat(placementOf(region, "A").visible()).containsExactly(span(0, 40));
        assertThat(placementOf(region, "C").cell()).isEqualTo(1);
        assertThat(placementOf(region, "C").visible()).containsExactly(span(10, 20));
        assertThat(placementOf(region, "B").cell()).isEqualTo(1);
        assertThat(placementOf(region, "B").visible()).containsExactly(span(2, 10), span(20, 30));
    }

    /*
     * two cells (max 1x2), reuse = show_newest
     * time   0    10 12   20   25   30   40
     * A      |=============|                 cell 0 [0,10); displaced by C; cell 1 [20,25)
     * B      |=================|             cell 1 [0,12); displaced by D; cell 1 [25,30)
     * C           |===================|      cell 0 [10,40): took A's cell (A ended first)
     * D              |=====|                 cell 1 [12,20): took B's cell (B ended before C)
     * At 20 cell 1 frees; A and B both wait and started together, A ends first so it goes first.
     */
    @Test
    void showNewest_displacedSourceReturnsInTheLowestFreeCell() {
        RegionPlan region = onlyRegion(plan(request(wholeCanvas("main").maxRows(1).maxColumns(2).reuse(Reuse.SHOW_NEWEST).build()),
                video("A", "pa", 0, 25), video("B", "pb", 0, 30), video("C", "pc", 10, 40), video("D", "pd", 12, 20)));

        assertThat(placementsOf(region, "A")).extracting(Placement::cell, Placement::visible).containsExactly(
                tuple(0, List.of(span(0, 10))),
                tuple(1, List.of(span(20, 25))));
        assertThat(placementOf(region, "B").visible()).containsExactly(span(0, 12), span(25, 30));
        assertThat(placementOf(region, "C").visible()).containsExactly(span(10, 40));
        assertThat(placementOf(region, "D").visible()).containsExactly(span(12, 20));
    }

    /*
     * one cell, reuse = show_newest: the displaced source's span ends while it waits
     * time   0    10   20   30
     * A      |=========|            [0,10) only: gone by the time B ends
     * B           |=========|
     */
    @Test
    void showNewest_displacedSourceDoesNotReturnAfterItsSpan() {
        RegionPlan region = onlyRegion(plan(request(wholeCanvas("main").maxRows(1).maxColumns(1).reuse(Reuse.SHOW_NEWEST).build()),
                video("A", "pa", 0, 20), video("B", "pb", 10, 30)));

        assertThat(placementOf(region, "A").visible()).containsExactly(span(0, 10));
        assertThat(placementOf(region, "B").visible()).containsExactly(span(10, 30));
    }

    /*
     * reuse = none sizes the grid for every source, even if they never overlap
     * time   0    10   20   30
     * A      |====|                  cell 0
     * B                |====|        cell 1: cell 0 is not used twice
     */
    @Test
    void none_gridHasACellForEverySource() {
        RegionPlan region = onlyRegion(plan(request(wholeCanvas("main").reuse(Reuse.NONE).build()),
                video("A", "pa", 0, 10), video("B", "pb", 20, 30)));

        assertThat(region.rows()).isEqualTo(1);
        assertThat(region.cols()).isEqualTo(2);
        assertThat(placementOf(region, "A").cell()).isZero();
        assertThat(placementOf(region, "B").cell()).isEqualTo(1);
    }

    /*
     * one cell (max 1x1), reuse = none
     * time   0    10   20   30
     * A      |====|                  cell 0
     * B                |====|        not shown: the only cell was used, although it is idle now
     */
    @Test
    void none_laterSourcesNotShownWhenNoFreshCell() {
        CompositionPlan plan = plan(request(wholeCanvas("main").maxRows(1).maxColumns(1).reuse(Reuse.NONE).build()),
                video("A", "pa", 0, 10), video("B", "pb", 20, 30));

        assertThat(onlyRegion(plan).placements()).extracting(Placement::sourceId).containsExactly("A");
        assertThat(plan.warnings()).containsExactly(
                "region main: source B of participant pb is never shown: no unused cell was left (reuse=none)");
    }

    /*
     * three sources at once, cells_excluded [0] → sized for 4 → 2x2, cells 1, 2, 3 used
     * time   0    10
     * A      |====|
     * B      |====|
     * C      |====|
     */
    @Test
    void cellsExcluded_neverReceiveASource() {
        CompositionPlan plan = plan(request(wholeCanvas("main").cellsExcluded(0, 9).build()),
                video("A", "pa", 0, 10), video("B", "pb", 0, 10), video("C", "pc", 0, 10));
        RegionPlan region = onlyRegion(plan);

        assertThat(region.rows()).isEqualTo(2);
        assertThat(region.cols()).isEqualTo(2);
        assertThat(region.placements()).extracting(Placement::sourceId, Placement::cell).containsExactly(
                tuple("A", 1),
                tuple("B", 2),
                tuple("C", 3));
        assertThat(plan.warnings()).containsExactly("region main: cells_excluded 9 is outside its 2x2 grid and has no effect");
    }

    /* ties in start time break by end, then by id: the shorter source gets the lower cell */
    @Test
    void sourcesStartingTogetherAreOrderedByEndThenId() {
        RegionPlan region = onlyRegion(plan(request(wholeCanvas("main").build()),
                video("z", "pz", 0, 10), video("b", "pb", 0, 20), video("a", "pa", 0, 20)));

        assertThat(region.placements()).extracting(Placement::sourceId).containsExactly("z", "a", "b");
    }
}
