package dev.montage.layout;

import static dev.montage.layout.Fixtures.audio;
import static dev.montage.layout.Fixtures.onlyRegion;
import static dev.montage.layout.Fixtures.placementOf;
import static dev.montage.layout.Fixtures.request;
import static dev.montage.layout.Fixtures.span;
import static dev.montage.layout.Fixtures.trimmed;
import static dev.montage.layout.Fixtures.video;
import static dev.montage.layout.Fixtures.videoWithGap;
import static dev.montage.layout.Fixtures.wholeCanvas;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** How the planner lays out a region with {@code focus: active_speaker} (who is shown when: ActiveSpeakerTest). */
class ActiveSpeakerPlanTest {

    private static final RegionSpec SPEAKER = wholeCanvas("speaker").activeSpeaker(SpeakerRules.DEFAULT).build();

    /**
     * <pre>
     * alice  ======          (video 0-10)
     * bob           ======   (video 0-10, camera off 6-7)
     * cell 0: alice 0-3, bob 3-10 (seen 3-6 and 7-10)
     * </pre>
     */
    @Test
    void oneCellTheWholeRegion_oneHolderAtATime() {
        List<VideoTrack> video = List.of(video("va", "alice", 0, 10),
                videoWithGap("vb", "bob", 0, 10, span(6, 7)));
        SortedMap<String, List<TimeSpan>> speech = speech("alice", List.of(span(0, 2)), "bob", List.of(span(3, 5)));

        RegionPlan region = onlyRegion(LayoutPlanner.plan(video, List.of(), request(SPEAKER), speech));

        assertThat(region.rows()).isEqualTo(1);
        assertThat(region.cols()).isEqualTo(1);
        assertThat(region.cells()).containsExactly(new Rect(0, 0, 1280, 720));
        Placement alice = placementOf(region, "va");
        assertThat(alice.cell()).isZero();
        assertThat(alice.frame()).isEqualTo(new Rect(160, 0, 960, 720));
        assertThat(alice.assigned()).containsExactly(span(0, 3));
        Placement bob = placementOf(region, "vb");
        assertThat(bob.assigned()).containsExactly(span(3, 10));
        assertThat(bob.visible()).containsExactly(span(3, 6), span(7, 10));
    }

    /** Back and forth: one placement per source, with every span it holds the cell. */
    @Test
    void aSourceShownTwiceHasOnePlacementWithBothSpans() {
        List<VideoTrack> video = List.of(video("va", "alice", 0, 12), video("vb", "bob", 0, 12));
        SortedMap<String, List<TimeSpan>> speech = speech("alice", List.of(span(0, 2), span(7, 9)),
                "bob", List.of(span(3, 5)));

        RegionPlan region = onlyRegion(LayoutPlanner.plan(video, List.of(), request(SPEAKER), speech));

        assertThat(region.placements()).hasSize(2);
        assertThat(placementOf(region, "va").assigned()).containsExactly(span(0, 3), span(7, 12));
        assertThat(placementOf(region, "vb").assigned()).containsExactly(span(3, 7));
    }

    @Test
    void audioWithoutATimeline_countsAsSilent_withAWarning() {
        List<VideoTrack> video = List.of(video("va", "alice", 0, 10), video("vb", "bob", 0, 10));
        List<AudioTrack> audio = List.of(audio("aa", "alice", 0, 10), audio("ab", "bob", 0, 10));
        // bob's speech is known (he is silent); alice's audio was never analysed
        SortedMap<String, List<TimeSpan>> speech = speech("bob", List.of());

        CompositionPlan plan = LayoutPlanner.plan(video, audio, request(SPEAKER), speech);

        assertThat(plan.warnings()).contains("region speaker: participant alice has audio without a speech-activity"
                + " timeline and counts as silent (focus active_speaker)");
        assertThat(plan.warnings()).noneMatch(warning -> warning.contains("participant bob has audio"));
        assertThat(placementOf(onlyRegion(plan), "va").assigned()).containsExactly(span(0, 10));
    }

    @Test
    void aSourceNeverShown_isNamedInAWarning() {
        List<VideoTrack> video = List.of(video("va", "alice", 0, 10), video("vb", "bob", 0, 10));

        CompositionPlan plan = LayoutPlanner.plan(video, List.of(), request(SPEAKER), speech("alice", List.of()));

        assertThat(plan.warnings()).containsExactly("region speaker: source vb of participant bob is never shown:"
                + " it never took the floor (focus active_speaker)");
    }

    @Test
    void noSources_anEmptyRegion() {
        RegionSpec nobody = RegionSpec.builder("speaker", 0, 0, 1280, 720).activeSpeaker(SpeakerRules.DEFAULT).build();

        CompositionPlan plan = LayoutPlanner.plan(List.of(video("va", "alice", 0, 10)),
                List.of(audio("aa", "alice", 0, 10)), request(nobody), new TreeMap<>());

        assertThat(onlyRegion(plan).rows()).isZero();
        assertThat(onlyRegion(plan).placements()).isEmpty();
    }

    /** With trim, a gap where nobody is present is cut, as in a grid. */
    @Test
    void trimCutsWhereNobodyIsPresent() {
        List<VideoTrack> video = List.of(video("va", "alice", 0, 3), video("vb", "bob", 5, 8));

        CompositionPlan plan = LayoutPlanner.plan(video, List.of(), trimmed(SPEAKER), new TreeMap<>());

        assertThat(plan.keptSegments()).containsExactly(span(0, 3), span(5, 8));
    }

    /** Speech changes nothing for a grid: a plain request plans as before. */
    @Test
    void aGridIgnoresSpeech() {
        List<VideoTrack> video = List.of(video("va", "alice", 0, 10), video("vb", "bob", 2, 10));
        LayoutRequest grid = request(wholeCanvas("grid").build());

        assertThat(grid.followsSpeech()).isFalse();
        assertThat(request(SPEAKER).followsSpeech()).isTrue();
        assertThat(LayoutPlanner.plan(video, List.of(), grid, speech("bob", List.of(span(3, 6)))))
                .isEqualTo(LayoutPlanner.plan(video, List.of(), grid));
    }

    private static SortedMap<String, List<TimeSpan>> speech(String participant, List<TimeSpan> spans) {
        SortedMap<String, List<TimeSpan>> speech = new TreeMap<>();
        speech.put(participant, spans);
        return speech;
    }

    private static SortedMap<String, List<TimeSpan>> speech(String first, List<TimeSpan> firstSpans, String second,
            List<TimeSpan> secondSpans) {
        SortedMap<String, List<TimeSpan>> speech = speech(first, firstSpans);
        speech.put(second, secondSpans);
        return speech;
    }
}
