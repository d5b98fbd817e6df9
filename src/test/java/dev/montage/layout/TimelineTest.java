package dev.montage.layout;

import static dev.montage.layout.Fixtures.CANVAS;
import static dev.montage.layout.Fixtures.audio;
import static dev.montage.layout.Fixtures.request;
import static dev.montage.layout.Fixtures.s;
import static dev.montage.layout.Fixtures.span;
import static dev.montage.layout.Fixtures.trimmed;
import static dev.montage.layout.Fixtures.video;
import static dev.montage.layout.Fixtures.videoWithGap;
import static dev.montage.layout.Fixtures.wholeCanvas;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The composition timeline: the initial gap, trim, and the output clock (DESIGN.md §4 step 3). */
class TimelineTest {

    /*
     * session  0    5         15   20
     * video         |=========|            alice
     * audio              |=========|       alice
     * output        0         10   15      the 5 s before anyone joined are always cut
     */
    @Test
    void initialGapIsAlwaysTrimmed() {
        CompositionPlan plan = LayoutPlanner.plan(
                List.of(video("rec-v", "alice", 5, 15)),
                List.of(audio("rec-a", "alice", 10, 20)),
                request(wholeCanvas("main").build()));

        assertThat(plan.originMillis()).isEqualTo(s(5));
        assertThat(plan.keptSegments()).containsExactly(span(5, 20));
        assertThat(plan.durationMillis()).isEqualTo(s(15));
        assertThat(plan.audio()).singleElement().satisfies(audio -> {
            assertThat(audio.recordingId()).isEqualTo("rec-a");
            assertThat(audio.span()).isEqualTo(span(10, 20));
            assertThat(audio.outputOffsetMillis()).isEqualTo(s(5));
        });
    }

    /*
     * trim = false keeps the silent middle
     * session  0    10   20   30
     * A        |====|
     * B                  |====|
     * output   0                30
     */
    @Test
    void withoutTrimTheMiddleGapStays() {
        CompositionPlan plan = Fixtures.plan(request(wholeCanvas("main").build()),
                video("A", "pa", 0, 10), video("B", "pb", 20, 30));

        assertThat(plan.keptSegments()).containsExactly(span(0, 30));
        assertThat(plan.durationMillis()).isEqualTo(s(30));
    }

    /*
     * trim = true cuts the middle period where nothing is seen or heard
     * session  0    10   20   30
     * A        |====|
     * B                  |====|
     * output   0    10|10     20
     */
    @Test
    void trimRemovesAMiddleGapWithNoMedia() {
        CompositionPlan plan = Fixtures.plan(trimmed(wholeCanvas("main").build()),
                video("A", "pa", 0, 10), video("B", "pb", 20, 30));

        assertThat(plan.keptSegments()).containsExactly(span(0, 10), span(20, 30));
        assertThat(plan.durationMillis()).isEqualTo(s(20));
        assertThat(plan.toOutputMillis(s(5))).isEqualTo(s(5));
        assertThat(plan.toOutputMillis(s(15))).isEqualTo(s(10));
        assertThat(plan.toOutputMillis(s(25))).isEqualTo(s(15));
        assertThat(plan.toOutput(span(20, 30))).isEqualTo(span(10, 20));
    }

    /*
     * trim = true keeps a video gap while audio continues
     * session  0    10   20   30
     * A        |====|
     * B                  |====|
     * audio    |==============|
     */
    @Test
    void trimKeepsAGapWhereAudioContinues() {
        CompositionPlan plan = LayoutPlanner.plan(
                List.of(video("A", "pa", 0, 10), video("B", "pb", 20, 30)),
                List.of(audio("rec-a", "pa", 0, 30)),
                trimmed(wholeCanvas("main").build()));

        assertThat(plan.keptSegments()).containsExactly(span(0, 30));
        assertThat(plan.durationMillis()).isEqualTo(s(30));
    }

    /*
     * trim = true also cuts a camera-off gap when nothing else plays
     * session  0    4  6    10
     * A        |====   =====|
     */
    @Test
    void trimCutsACameraOffGapWithoutAudio() {
        CompositionPlan plan = Fixtures.plan(trimmed(wholeCanvas("main").build()),
                videoWithGap("A", "pa", 0, 10, span(4, 6)));

        assertThat(plan.keptSegments()).containsExactly(span(0, 4), span(6, 10));
        assertThat(plan.durationMillis()).isEqualTo(s(8));
    }

    @Test
    void audioOffsetsFollowTheCuts() {
        CompositionPlan plan = LayoutPlanner.plan(
                List.of(video("A", "pa", 0, 10)),
                List.of(audio("rec-a", "pb", 20, 30)),
                trimmed(wholeCanvas("main").build()));

        assertThat(plan.keptSegments()).containsExactly(span(0, 10), span(20, 30));
        assertThat(plan.audio()).singleElement().extracting(AudioPlacement::outputOffsetMillis).isEqualTo(s(10));
    }

    @Test
    void audioOnlySessionIsComposed() {
        CompositionPlan plan = LayoutPlanner.plan(List.of(), List.of(audio("rec-a", "pa", 3, 8)),
                new LayoutRequest(CANVAS, List.of(), AudioSelection.ALL, false));

        assertThat(plan.regions()).isEmpty();
        assertThat(plan.durationMillis()).isEqualTo(s(5));
    }

    @Test
    void excludedAudioIsNotMixed() {
        CompositionPlan plan = LayoutPlanner.plan(List.of(video("A", "pa", 0, 10)),
                List.of(audio("rec-a", "pa", 0, 10), audio("rec-b", "pb", 0, 10), audio("rec-c", "pc", 0, 10)),
                new LayoutRequest(CANVAS, List.of(wholeCanvas("main").build()),
                        new AudioSelection(List.of("*"), List.of("pb", "rec-c")), false));

        assertThat(plan.audio()).extracting(AudioPlacement::recordingId).containsExactly("rec-a");
    }

    @Test
    void emptySessionCannotBeComposed() {
        assertThatThrownBy(() -> LayoutPlanner.plan(List.of(), List.of(), request(wholeCanvas("main").build())))
                .isInstanceOf(NothingToComposeException.class)
                .hasMessage("the session has no video and no audio to compose");
    }

    @Test
    void aSelectionThatExcludesEverythingCannotBeComposed() {
        LayoutRequest request = new LayoutRequest(CANVAS,
                List.of(wholeCanvas("main").videoSourcesExcluded("*").build()), AudioSelection.NONE, false);

        assertThatThrownBy(() -> LayoutPlanner.plan(List.of(video("A", "pa", 0, 10)), List.of(audio("rec-a", "pa", 0, 10)), request))
                .isInstanceOf(NothingToComposeException.class);
    }

    @Test
    void trimOfVideoThatIsNeverVisibleLeavesNothing() {
        VideoTrack cameraAlwaysOff = new VideoTrack("A", "pa", span(0, 10), List.of(), 640, 480);

        assertThatThrownBy(() -> Fixtures.plan(trimmed(wholeCanvas("main").build()), cameraAlwaysOff))
                .isInstanceOf(NothingToComposeException.class)
                .hasMessageContaining("trim");
    }

    @Test
    void zeroLengthRecordingsAreLeftOutWithAWarning() {
        CompositionPlan plan = Fixtures.plan(request(wholeCanvas("main").build()),
                video("A", "pa", 0, 10), video("B", "pb", 5, 5));

        assertThat(plan.regions().get(0).placements()).extracting(Placement::sourceId).containsExactly("A");
        assertThat(plan.warnings()).containsExactly("video recording B has no duration and is left out");
    }
}
