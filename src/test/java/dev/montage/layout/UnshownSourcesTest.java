package dev.montage.layout;

import static dev.montage.layout.Fixtures.CANVAS;
import static dev.montage.layout.Fixtures.audio;
import static dev.montage.layout.Fixtures.plan;
import static dev.montage.layout.Fixtures.request;
import static dev.montage.layout.Fixtures.span;
import static dev.montage.layout.Fixtures.video;
import static dev.montage.layout.Fixtures.wholeCanvas;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.montage.layout.UnshownSource.Kind;
import dev.montage.layout.UnshownSource.Reason;

/** The plan names every recording it never shows or plays, with the reason a preview lists (UnshownSource). */
class UnshownSourcesTest {

    /** What is left out, as (region or "-", recording, kind, reason), for short assertions. */
    private static List<String> unshown(CompositionPlan plan) {
        return plan.unshown().stream().map(u -> u.region().orElse("-") + " " + u.recordingId() + " "
                + u.kind().wireName() + " " + u.reason().wireName()).toList();
    }

    /**
     * <pre>
     *   alice  |0--------10|      one cell, reuse none: the cell is used once
     *   bob      |2----8|         never shown: no_free_cell
     * </pre>
     */
    @Test
    void reuseNone_aSourceThatFindsNoFreshCellIsNotShown_noFreeCell() {
        CompositionPlan plan = plan(request(wholeCanvas("main").maxRows(1).maxColumns(1).reuse(Reuse.NONE).build()),
                video("rec-a", "alice", 0, 10), video("rec-b", "bob", 2, 8));

        assertThat(unshown(plan)).containsExactly("main rec-b video no_free_cell");
        assertThat(plan.unshown().get(0).participantId()).isEqualTo("bob");
        assertThat(plan.unshown().get(0).detail()).contains("rec-b", "reuse=none");
    }

    @Test
    void showOldest_aSourceWhoseWholeSpanFindsTheGridFull_noFreeCell() {
        CompositionPlan plan = plan(request(wholeCanvas("main").maxRows(1).maxColumns(1).build()),
                video("rec-a", "alice", 0, 10), video("rec-b", "bob", 2, 8));

        assertThat(unshown(plan)).containsExactly("main rec-b video no_free_cell");
    }

    @Test
    void aRecordingNoRegionSelects_isExcluded_withoutARegion() {
        CompositionPlan plan = plan(request(wholeCanvas("main").videoSources("alice").build()),
                video("rec-a", "alice", 0, 10), video("rec-b", "bob", 0, 10));

        assertThat(unshown(plan)).containsExactly("- rec-b video excluded");
    }

    @Test
    void aRecordingSubtractedByVideoSourcesExcluded_isExcluded() {
        CompositionPlan plan = plan(request(wholeCanvas("main").videoSourcesExcluded("bob").build()),
                video("rec-a", "alice", 0, 10), video("rec-b", "bob", 0, 10));

        assertThat(unshown(plan)).containsExactly("- rec-b video excluded");
    }

    @Test
    void everyCellOfTheGridExcluded_cellsExcluded() {
        CompositionPlan plan = plan(request(wholeCanvas("main").maxRows(1).maxColumns(1).cellsExcluded(0).build()),
                video("rec-a", "alice", 0, 10));

        assertThat(unshown(plan)).containsExactly("main rec-a video cells_excluded");
    }

    /**
     * <pre>
     *   big (1x1, everyone)   alice |0------10|
     *   strip (exclude_shown_in big): alice is always in big, so never in the strip
     * </pre>
     */
    @Test
    void aParticipantAlwaysShownInARegionOfExcludeShownIn_isShownElsewhere() {
        RegionSpec big = RegionSpec.builder("big", 0, 0, 640, 720).videoSources("*").build();
        RegionSpec strip = RegionSpec.builder("strip", 640, 0, 640, 720).videoSources("*").excludeShownIn("big")
                .build();
        CompositionPlan plan = plan(request(big, strip), video("rec-a", "alice", 0, 10));

        assertThat(unshown(plan)).containsExactly("strip rec-a video shown_elsewhere");
    }

    @Test
    void aCameraThatNeverSendsAPicture_noActivity() {
        VideoTrack dark = new VideoTrack("rec-a", "alice", span(0, 10), List.of(), 640, 480);
        CompositionPlan plan = LayoutPlanner.plan(List.of(dark), List.of(audio("rec-a2", "alice", 0, 10)),
                request(wholeCanvas("main").build()));

        assertThat(unshown(plan)).containsExactly("main rec-a video no_activity");
    }

    @Test
    void anActiveSpeakerRegion_aParticipantWhoNeverSpeaks_neverSpoke() {
        RegionSpec speaker = RegionSpec.builder("speaker", 0, 0, CANVAS.width(), CANVAS.height()).videoSources("*")
                .activeSpeaker(SpeakerRules.DEFAULT).build();
        TreeMap<String, List<TimeSpan>> speech = new TreeMap<>();
        speech.put("alice", List.of(span(0, 10)));
        speech.put("bob", List.of());
        CompositionPlan plan = LayoutPlanner.plan(List.of(video("rec-a", "alice", 0, 10), video("rec-b", "bob", 0, 10)),
                List.of(audio("rec-a2", "alice", 0, 10), audio("rec-b2", "bob", 0, 10)), request(speaker), speech);

        assertThat(unshown(plan)).containsExactly("speaker rec-b video never_spoke");
    }

    @Test
    void audioLeftOutByAudioSourcesExcluded_isExcluded() {
        CompositionPlan plan = LayoutPlanner.plan(List.of(video("rec-a", "alice", 0, 10)),
                List.of(audio("rec-a2", "alice", 0, 10), audio("rec-b2", "bob", 0, 10)),
                new LayoutRequest(CANVAS, List.of(wholeCanvas("main").build()),
                        new AudioSelection(List.of("*"), List.of("bob")), false));

        assertThat(plan.unshown()).containsExactly(new UnshownSource(Optional.empty(), "rec-b2", "bob", Kind.AUDIO,
                Reason.EXCLUDED, "audio recording rec-b2 of participant bob is not selected by audio_sources"));
    }

    @Test
    void everythingShown_nothingListed() {
        CompositionPlan plan = plan(request(wholeCanvas("main").build()), video("rec-a", "alice", 0, 10),
                video("rec-b", "bob", 2, 8));

        assertThat(plan.unshown()).isEmpty();
    }
}
