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
                "audio_sources: 'rec-x' matches no recording, participant or track name of the session",
                "region main: video_sources: 'zoe' matches no recording, participant or track name of the session");
    }

    /*
     * presentation: the share in its own region, the cameras in the other
     * rec-1  alice camera        (no track name)
     * rec-2  alice "screen-1"
     * rec-3  bob   "camera-bob"
     */
    @Test
    void trackNamePatternSelectsAndExcludesByTrackName() {
        CompositionPlan plan = LayoutPlanner.plan(List.of(video("rec-1", "alice", 0, 10),
                        video("rec-2", "alice", 2, 8).named("screen-1"), video("rec-3", "bob", 0, 10).named("camera-bob")),
                List.of(), request(
                        RegionSpec.builder("share", 0, 0, 640, 720).videoSources("screen*").build(),
                        RegionSpec.builder("cams", 640, 0, 640, 720).videoSources("*").videoSourcesExcluded("screen*")
                                .build()));

        assertThat(plan.region("share").orElseThrow().placements()).extracting(Placement::sourceId)
                .containsExactly("rec-2");
        assertThat(plan.region("cams").orElseThrow().placements()).extracting(Placement::sourceId)
                .containsExactly("rec-1", "rec-3");
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void questionMarkIsOneCharacterAndCaseCounts() {
        List<VideoTrack> video = List.of(video("rec-1", "alice", 0, 10).named("cam-1"),
                video("rec-2", "bob", 0, 10).named("cam-12"), video("rec-3", "carol", 0, 10).named("Cam-3"));

        assertThat(selected(video, "cam-?")).containsExactly("rec-1");
        assertThat(selected(video, "cam-*")).containsExactly("rec-1", "rec-2");
        assertThat(selected(video, "?am-*")).containsExactly("rec-1", "rec-2", "rec-3");
        assertThat(selected(video, "cam-12")).as("a pattern without wildcards is the exact name").containsExactly("rec-2");
    }

    @Test
    void recordingsWithoutTrackNameAreNamedOnlyByStarAndTheirIds() {
        List<VideoTrack> video = List.of(video("rec-1", "alice", 0, 10), video("rec-2", "bob", 0, 10).named("x"));

        assertThat(selected(video, "*")).containsExactly("rec-1", "rec-2");
        assertThat(selected(video, "**")).as("a pattern that matches any name").containsExactly("rec-2");
        assertThat(selected(video, "rec-1")).containsExactly("rec-1");
        assertThat(selected(video, "alice")).containsExactly("rec-1");
    }

    /** Twilio names an unnamed track by its UUID; such a name is selected by writing it, like an id. */
    @Test
    void anEntryNamesARecordingByIdOrByTrackNameAlike() {
        String uuid = "0b7e6c3a-2f5d-4a8e-9c1b-3d4f5a6b7c8d";
        List<VideoTrack> video = List.of(video("rec-1", "alice", 0, 10).named(uuid), video("rec-2", "bob", 0, 10));

        assertThat(selected(video, uuid)).containsExactly("rec-1");
    }

    @Test
    void audioSelectionMatchesTrackNamesToo() {
        AudioSelection noScreenSound = new AudioSelection(List.of("*"), List.of("screen*"));
        CompositionPlan plan = LayoutPlanner.plan(List.of(), List.of(Fixtures.audio("mic", "alice", 0, 10),
                Fixtures.audio("share", "alice", 0, 10).named("screen-1")), new LayoutRequest(CANVAS, List.of(),
                noScreenSound, false));

        assertThat(plan.audio()).extracting(AudioPlacement::recordingId).containsExactly("mic");
        assertThat(new AudioSelection(List.of("screen-?"), List.of())
                .selects(Fixtures.audio("share", "alice", 0, 10).named("screen-1"))).isTrue();
    }

    @Test
    void aPatternThatMatchesNothingIsAWarningButAnExcludedOneIsNot() {
        CompositionPlan plan = LayoutPlanner.plan(List.of(video("rec-1", "alice", 0, 10).named("camera")), List.of(),
                request(RegionSpec.builder("share", 0, 0, 640, 720).videoSources("screen*").build(),
                        RegionSpec.builder("cams", 640, 0, 640, 720).videoSources("*").videoSourcesExcluded("screen*")
                                .build()));

        assertThat(plan.region("share").orElseThrow().placements()).isEmpty();
        assertThat(plan.warnings()).containsExactly(
                "region share: video_sources: 'screen*' matches no recording, participant or track name of the session");
    }

    private static List<String> selected(List<VideoTrack> video, String entry) {
        RegionSpec region = RegionSpec.builder("r", 0, 0, 1280, 720).videoSources(entry).build();
        return video.stream().filter(region::selects).map(VideoTrack::recordingId).toList();
    }
}
