package dev.montage.layout;

import static dev.montage.layout.Fixtures.CANVAS;
import static dev.montage.layout.Fixtures.onlyRegion;
import static dev.montage.layout.Fixtures.placementOf;
import static dev.montage.layout.Fixtures.plan;
import static dev.montage.layout.Fixtures.request;
import static dev.montage.layout.Fixtures.span;
import static dev.montage.layout.Fixtures.video;
import static dev.montage.layout.Fixtures.videoWithGap;
import static dev.montage.layout.Fixtures.wholeCanvas;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which recordings a region shows and how they group into sources (DESIGN.md §4 step 1). */
class SourceSelectionTest {

    @Test
    void participantIdSelectsAllOfThatParticipantsRecordings() {
        RegionPlan region = onlyRegion(plan(request(RegionSpec.builder("main", 0, 0, 1280, 720).videoSources("alice").build()),
                video("rec-1", "alice", 0, 10), video("rec-2", "alice", 10, 20), video("rec-3", "bob", 0, 20)));

        assertThat(region.placements()).extracting(Placement::participantId).containsExactly("alice");
        assertThat(placementOf(region, "rec-1").recordingIds()).containsExactly("rec-1", "rec-2");
    }

    @Test
    void recordingIdSelectsOnlyThatRecording() {
        RegionPlan region = onlyRegion(plan(request(RegionSpec.builder("main", 0, 0, 1280, 720).videoSources("rec-2").build()),
                video("rec-1", "alice", 0, 10), video("rec-2", "alice", 10, 20), video("rec-3", "bob", 0, 20)));

        assertThat(region.placements()).extracting(Placement::sourceId).containsExactly("rec-2");
    }

    @Test
    void starSelectsAllAndExcludedRemovesByParticipantOrRecording() {
        RegionPlan region = onlyRegion(plan(request(wholeCanvas("main").videoSourcesExcluded("bob", "rec-4").build()),
                video("rec-1", "alice", 0, 10), video("rec-2", "bob", 0, 10), video("rec-3", "carol", 0, 10),
                video("rec-4", "dave", 0, 10)));

        assertThat(region.placements()).extracting(Placement::participantId).containsExactly("alice", "carol");
    }

    @Test
    void emptyVideoSourcesShowNothing() {
        CompositionPlan plan = LayoutPlanner.plan(List.of(video("rec-1", "alice", 0, 10)),
                List.of(Fixtures.audio("rec-a", "alice", 0, 10)),
                request(RegionSpec.builder("main", 0, 0, 1280, 720).build()));

        assertThat(onlyRegion(plan).placements()).isEmpty();
        assertThat(onlyRegion(plan).cells()).isEmpty();
    }

    /*
     * alice reconnects: rec-1 and rec-2 do not overlap → one source, one cell
     * time   0    10 12   20
     * rec-1  |====|
     * rec-2          |====|
     * rec-3  |============|      bob
     */
    @Test
    void reconnectsOfOneParticipantFormOneSource() {
        RegionPlan region = onlyRegion(plan(request(wholeCanvas("main").build()),
                video("rec-1", "alice", 0, 10), video("rec-2", "alice", 12, 20), video("rec-3", "bob", 0, 20)));

        assertThat(region.cols()).isEqualTo(2);
        Placement alice = placementOf(region, "rec-1");
        assertThat(alice.cell()).isZero();
        assertThat(alice.recordingIds()).containsExactly("rec-1", "rec-2");
        assertThat(alice.visible()).containsExactly(span(0, 10), span(12, 20));
        assertThat(alice.assigned()).containsExactly(span(0, 20));
    }

    /*
     * alice shares her screen while her camera runs: overlapping recordings → two sources
     * time   0    5    15   20
     * rec-1  |=============|     camera
     * rec-2       |====|         screen share
     */
    @Test
    void overlappingRecordingsOfOneParticipantAreTwoSources() {
        RegionPlan region = onlyRegion(plan(request(wholeCanvas("main").build()),
                video("rec-1", "alice", 0, 20), video("rec-2", "alice", 5, 15)));

        assertThat(region.placements()).extracting(Placement::sourceId, Placement::cell).containsExactly(
                tuple("rec-1", 0),
                tuple("rec-2", 1));
    }

    /*
     * camera off between 4 s and 6 s: the cell stays reserved but shows black
     * time   0    4  6    10
     * rec-1  |====   =====|
     */
    @Test
    void cameraOffGapIsNotVisibleButKeepsTheCell() {
        Placement placement = placementOf(onlyRegion(plan(request(wholeCanvas("main").build()),
                videoWithGap("rec-1", "alice", 0, 10, span(4, 6)))), "rec-1");

        assertThat(placement.assigned()).containsExactly(span(0, 10));
        assertThat(placement.visible()).containsExactly(span(0, 4), span(6, 10));
    }

    @Test
    void unknownIdsInASelectionProduceWarnings() {
        CompositionPlan plan = LayoutPlanner.plan(List.of(video("rec-1", "alice", 0, 10)), List.of(),
                new LayoutRequest(CANVAS,
                        List.of(RegionSpec.builder("main", 0, 0, 1280, 720).videoSources("alice", "zoe").build()),
                        new AudioSelection(List.of("rec-x"), List.of()), false));

        assertThat(plan.warnings()).containsExactlyInAnyOrder(
                "audio_sources: 'rec-x' matches no recording or participant of the session",
                "region main: video_sources: 'zoe' matches no recording or participant of the session");
    }
}
