package dev.montage.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.montage.layout.AudioSelection;
import dev.montage.layout.CompositionPlan;
import dev.montage.layout.LayoutPlanner;
import dev.montage.layout.LayoutRequest;
import dev.montage.layout.Rect;
import dev.montage.layout.RegionSpec;
import dev.montage.layout.Resolution;
import dev.montage.layout.TimeSpan;
import dev.montage.layout.VideoTrack;

/**
 * The look in the filter script: the background colour wherever black was drawn, and name labels as still images
 * overlaid while their pictures show. Whether they look right is proven on real output by {@code LabelsAndLookTest}.
 */
class FilterGraphLookTest {

    private static final Path SCRIPT = Path.of("work/filtergraph.txt");
    private static final Path OUTPUT = Path.of("out/composition.mp4");
    private static final Colour SLATE = Colour.parse("#203040").orElseThrow();

    @Test
    void stackedPictures_arePaddedToTheirTilesWithTheBackground() {
        String script = build(twoPeople(0), SLATE, List.of()).filterScript();

        assertThat(script).doesNotContain("black")
                .contains("pad=200:120:x='20+(160-iw)/2':y='0+(120-ih)/2':eval=frame:color=0x203040")
                .contains("tpad=stop_mode=add:stop_duration=2.000:color=0x203040")
                .contains("xstack=inputs=2:layout=0_0|200_0[vout]");
    }

    @Test
    void overlaidPictures_lieOnACanvasOfTheBackground() {
        String script = build(twoPeople(1), SLATE, List.of()).filterScript();

        assertThat(script).startsWith("color=c=0x203040:s=400x120").doesNotContain("black");
    }

    @Test
    void labels_areInputsAfterTheRecordings_overlaidLastWhileShown() {
        CompositionPlan plan = twoPeople(1);
        List<LabelOverlay> labels = List.of(
                new LabelOverlay(Path.of("work/label-0.png"), 26, 90, List.of(new TimeSpan(0, 2000))),
                new LabelOverlay(Path.of("work/label-1.png"), 226, 90, List.of(new TimeSpan(1000, 2000))));

        FfmpegCommand command = build(plan, Colour.BLACK, labels);

        List<String> args = command.arguments();
        assertThat(args.subList(args.indexOf("-filter_complex_script") - 4, args.indexOf("-filter_complex_script")))
                .containsExactly("-i", "work/label-0.png", "-i", "work/label-1.png");
        assertThat(command.filterScript())
                .contains("eof_action=pass:enable='gte(t,1.000)*lt(t,2.000)'[pictures];\n"
                        + "[pictures][2:0]overlay=x=26:y=90:enable='gte(t,0.000)*lt(t,2.000)'[label0];\n"
                        + "[label0][3:0]overlay=x=226:y=90:enable='gte(t,1.000)*lt(t,2.000)'[vout];\n");
    }

    @Test
    void withoutLabelsOrColour_theScriptIsThePlainOne() {
        CompositionPlan plan = twoPeople(1);

        assertThat(build(plan, Colour.BLACK, List.of())).isEqualTo(FilterGraphBuilder.build(plan, sources(1), SCRIPT,
                OUTPUT));
    }

    @Test
    void nameLabels_followTheirPicturesOnlyInLabelledRegions_andOnlyForParticipantsWithALabel() {
        CompositionPlan plan = twoPeople(1);

        List<NameLabel> labels = NameLabel.of(plan, new Look(Colour.BLACK, Set.of("main"), Map.of("b", "Bob\n")));

        assertThat(labels).containsExactly(new NameLabel("Bob", new Rect(220, 0, 160, 120),
                List.of(new TimeSpan(1000, 2000)), 0));
        assertThat(NameLabel.of(plan, new Look(Colour.BLACK, Set.of("other"), Map.of("b", "Bob")))).isEmpty();
    }

    @Test
    void aLabelIsCoveredWhileAPictureOfALaterRegionLiesOverItsBox() {
        // "a" fills the canvas from 0 s; "b" is a picture-in-picture in the bottom right corner from 1 s
        List<VideoTrack> video = List.of(
                VideoTrack.continuous("a", "a", new TimeSpan(0, 2000), 400, 120),
                VideoTrack.continuous("b", "b", new TimeSpan(1000, 2000), 160, 120));
        CompositionPlan plan = LayoutPlanner.plan(video, List.of(), new LayoutRequest(new Resolution(400, 120),
                List.of(RegionSpec.builder("main", 0, 0, 400, 120).videoSources("a").build(),
                        RegionSpec.builder("pip", 240, 0, 160, 120).z(1).videoSources("b").build()),
                AudioSelection.ALL, false));

        assertThat(NameLabel.coveredAbove(plan, 0, new Rect(300, 100, 60, 20)))
                .as("a box under the picture-in-picture").containsExactly(new TimeSpan(1000, 2000));
        assertThat(NameLabel.coveredAbove(plan, 0, new Rect(10, 100, 60, 20))).as("a box beside it").isEmpty();
        assertThat(NameLabel.coveredAbove(plan, 1, new Rect(300, 100, 60, 20))).as("the top region's own").isEmpty();
    }

    @Test
    void colourWireFormsAreHexOnly() {
        assertThat(Colour.parse("#1a2B3c")).hasValueSatisfying(colour -> {
            assertThat(colour.hex()).isEqualTo("#1A2B3C");
            assertThat(colour.ffmpeg()).isEqualTo("0x1A2B3C");
        });
        assertThat(Colour.parse("#000000")).contains(Colour.BLACK);
        assertThat(Colour.BLACK.ffmpeg()).isEqualTo("black");
        for (String bad : new String[] {"black", "#12345", "#1234567", "123456", "#GGGGGG", "#12 456", ""}) {
            assertThat(Colour.parse(bad)).as(bad).isEmpty();
        }
    }

    /** Two 160x120 people over 2 s in a 400x120 canvas: "a" from 0, "b" from {@code bJoinsAt} seconds. */
    private static CompositionPlan twoPeople(int bJoinsAt) {
        List<VideoTrack> video = List.of(
                VideoTrack.continuous("a", "a", new TimeSpan(0, 2000), 160, 120),
                VideoTrack.continuous("b", "b", new TimeSpan(bJoinsAt * 1000L, 2000), 160, 120));
        return LayoutPlanner.plan(video, List.of(), new LayoutRequest(new Resolution(400, 120),
                List.of(RegionSpec.builder("main", 0, 0, 400, 120).videoSources("*").build()), AudioSelection.ALL,
                true));
    }

    private static List<RenderSource> sources(int bJoinsAt) {
        return List.of(new RenderSource("a", Path.of("a.webm"), 0, MediaKind.VIDEO, 0),
                new RenderSource("b", Path.of("b.webm"), 0, MediaKind.VIDEO, bJoinsAt * 1_000L));
    }

    private static FfmpegCommand build(CompositionPlan plan, Colour background, List<LabelOverlay> labels) {
        boolean late = plan.regions().get(0).placements().get(1).visible().get(0).startMillis() > 0;
        return FilterGraphBuilder.build(plan, sources(late ? 1 : 0), background, labels, SCRIPT, OUTPUT);
    }
}
