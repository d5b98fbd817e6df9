package dev.montage.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.montage.layout.AudioSelection;
import dev.montage.layout.AudioTrack;
import dev.montage.layout.CompositionPlan;
import dev.montage.layout.LayoutPlanner;
import dev.montage.layout.LayoutRequest;
import dev.montage.layout.RegionSpec;
import dev.montage.layout.Resolution;
import dev.montage.layout.TimeSpan;
import dev.montage.layout.VideoTrack;

/**
 * The command is data: its exact text for a representative plan is kept in a golden file, and the
 * rules that the golden file shows once are checked on their own below.
 *
 * <p>To accept a deliberate change, run once with {@code -Dgolden.update=true} and review the diff.
 */
class FilterGraphBuilderTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/two-region-plan.txt");
    private static final Path SCRIPT = Path.of("work/filtergraph.txt");
    private static final Path OUTPUT = Path.of("out/composition.mp4");

    private static final Path ALICE_FILE = Path.of("media/alice.webm");
    private static final Path BOB_FIRST_FILE = Path.of("media/bob-1.webm");
    private static final Path BOB_SECOND_FILE = Path.of("media/bob-2.webm");
    private static final Path BOB_AUDIO_FILE = Path.of("media/bob-audio.ogg");

    /**
     * Two regions over a 320x240 canvas, trimmed (session clock, seconds):
     * <pre>
     *            0    1    2    3    4    5    6    7    8    9    10
     *  alice-v        |=========|  off  |=======|                      camera off 3..4.5
     *  alice-a        |=============================|
     *  bob-v1              |=========|
     *  bob-v2                                             |====|       reconnected at 9
     *  bob-a               |=========|
     *  kept           |=============================|  cut  |====|     output 0..5 then 5..6
     *
     *  main (z 0, 320x240, 1x2): alice in cell 0, bob (v1 then v2) in cell 1
     *  pip  (z 1, 80x60 at 220,160): alice again, so her video is split in two
     * </pre>
     */
    static CompositionPlan twoRegionPlan() {
        List<VideoTrack> video = List.of(
                new VideoTrack("alice-v", "alice", span(1, 6), List.of(span(1, 3), span(4.5, 6)), 160, 120),
                VideoTrack.continuous("bob-v1", "bob", span(2, 4), 160, 120),
                VideoTrack.continuous("bob-v2", "bob", span(9, 10), 160, 120));
        List<AudioTrack> audio = List.of(
                new AudioTrack("alice-a", "alice", span(1, 6)),
                new AudioTrack("bob-a", "bob", span(2, 4)));
        LayoutRequest request = new LayoutRequest(new Resolution(320, 240), List.of(
                RegionSpec.builder("main", 0, 0, 320, 240).videoSources("*").build(),
                RegionSpec.builder("pip", 220, 160, 80, 60).z(1).videoSources("alice").build()),
                AudioSelection.ALL, true);
        return LayoutPlanner.plan(video, audio, request);
    }

    static List<RenderSource> twoRegionSources() {
        return List.of(
                new RenderSource("carol-v", Path.of("media/carol.webm"), 0, MediaKind.VIDEO, 0),
                new RenderSource("bob-a", BOB_AUDIO_FILE, 0, MediaKind.AUDIO, 2_000),
                new RenderSource("bob-v2", BOB_SECOND_FILE, 0, MediaKind.VIDEO, 9_000),
                new RenderSource("alice-a", ALICE_FILE, 1, MediaKind.AUDIO, 1_000),
                new RenderSource("bob-v1", BOB_FIRST_FILE, 0, MediaKind.VIDEO, 2_000),
                new RenderSource("alice-v", ALICE_FILE, 0, MediaKind.VIDEO, 1_000));
    }

    @Test
    void twoRegionPlan_matchesGoldenFile() throws IOException {
        FfmpegCommand command = FilterGraphBuilder.build(twoRegionPlan(), twoRegionSources(), SCRIPT, OUTPUT);

        String actual = "# arguments\n" + optionPerLine(command.arguments()) + "\n# filter script\n"
                + command.filterScript();
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }

    @Test
    void picturesShownThroughoutSideBySide_areStackedNotOverlaid() {
        String script = twoPictureScript(new Resolution(400, 120), 0,
                RegionSpec.builder("main", 0, 0, 400, 120).videoSources("*").build());

        assertThat(script).doesNotContain("overlay").doesNotContain("color=c=black")
                .as("each picture centred in its 160x120 frame at x=20 of its 200x120 tile, the tiles covering the "
                        + "canvas: no fill, no pad after the stack")
                .contains("[in0_0_0]scale=160:120:force_original_aspect_ratio=decrease:force_divisible_by=2,"
                        + "pad=200:120:x='20+(160-iw)/2':y='0+(120-ih)/2':eval=frame,"
                        + "tpad=stop_mode=clone:stop_duration=0.500,"
                        + "tpad=stop_mode=add:stop_duration=2.000:color=black,fps=30:start_time=0[r0_c0_0]")
                .contains("[r0_c0_0][r0_c1_0]xstack=inputs=2:layout=0_0|200_0[vout]");
    }

    @Test
    void aPictureThatComesLate_isOverlaidOnTheCanvasWhileVisible() {
        String script = twoPictureScript(new Resolution(320, 120), 1,
                RegionSpec.builder("main", 0, 0, 320, 120).videoSources("*").build());

        assertThat(script).startsWith("color=c=black:s=320x120").doesNotContain("xstack")
                .contains("overlay=x=160:y=0:eof_action=pass:enable='gte(t,1.000)*lt(t,2.000)'[vout]");
    }

    @Test
    void aPictureInPictureOverAFullFrame_isOverlaidEvenWhenBothAreShownThroughout() {
        String script = twoPictureScript(new Resolution(320, 240), 0,
                RegionSpec.builder("main", 0, 0, 320, 240).videoSources("a").build(),
                RegionSpec.builder("pip", 220, 160, 80, 60).z(1).videoSources("b").build());

        assertThat(script).as("xstack would copy overlapping pictures in no defined order")
                .doesNotContain("xstack").contains("overlay=x=220:y=160");
    }

    /**
     * The filter script for two 160x120 participants over 2 s: "a" from 0, "b" from {@code bJoinsAt}
     * seconds; each is its own file.
     */
    private static String twoPictureScript(Resolution canvas, int bJoinsAt, RegionSpec... regions) {
        return FilterGraphBuilder.build(twoPicturePlan(canvas, bJoinsAt, regions), twoPictureSources(bJoinsAt), SCRIPT,
                OUTPUT).filterScript();
    }

    private static CompositionPlan twoPicturePlan(Resolution canvas, int bJoinsAt, RegionSpec... regions) {
        List<VideoTrack> video = List.of(
                VideoTrack.continuous("a", "a", span(0, 2), 160, 120),
                VideoTrack.continuous("b", "b", span(bJoinsAt, 2), 160, 120));
        return LayoutPlanner.plan(video, List.of(),
                new LayoutRequest(canvas, List.of(regions), AudioSelection.ALL, true));
    }

    private static List<RenderSource> twoPictureSources(int bJoinsAt) {
        return List.of(
                new RenderSource("a", Path.of("a.webm"), 0, MediaKind.VIDEO, 0),
                new RenderSource("b", Path.of("b.webm"), 0, MediaKind.VIDEO, bJoinsAt * 1_000L));
    }

    /**
     * An adaptive grid over 320x120: "a" alone fills the region [0,1), then shares it with "b" [1,2). "a" is drawn
     * twice, once per phase, so its stream is split; the second phase's pictures have labels of their own.
     */
    @Test
    void aSourceInSeveralPhases_isOnePicturePerPhaseWithPhaseLabels() {
        String script = twoPictureScript(new Resolution(320, 120), 1,
                RegionSpec.builder("main", 0, 0, 320, 120).videoSources("*").adaptiveGrid(true).build());

        assertThat(script).containsOnlyOnce("[0:0]").contains("split=2[in0_0_0][in0_0_1]")
                .contains("[in0_0_0]scale=160:120:force_original_aspect_ratio=decrease:force_divisible_by=2,"
                        + "pad=160:120:-1:-1:eval=frame,tpad=stop_mode=clone:stop_duration=0.500[r0_c0_0]")
                .contains("[in0_0_1]scale=160:120:force_original_aspect_ratio=decrease:force_divisible_by=2,"
                        + "pad=160:120:-1:-1:eval=frame,tpad=stop_mode=clone:stop_duration=0.500[r0_p1_c0_0]")
                .contains("[canvas][r0_c0_0]overlay=x=80:y=0:eof_action=pass:enable='gte(t,0.000)*lt(t,1.000)'[ov0]")
                .contains("[ov0][r0_p1_c0_0]overlay=x=0:y=0:eof_action=pass:enable='gte(t,1.000)*lt(t,2.000)'[ov1]")
                .contains("[ov1][r0_p1_c1_0]overlay=x=160:y=0:eof_action=pass:enable='gte(t,1.000)*lt(t,2.000)'[vout]");
    }

    @Test
    void eachFileIsOpenedOnceInOrderOfFirstUse_andUnusedSourcesAreNot() {
        FfmpegCommand command = FilterGraphBuilder.build(twoRegionPlan(), twoRegionSources(), SCRIPT, OUTPUT);

        assertThat(inputs(command)).containsExactly(
                ALICE_FILE.toString(), BOB_FIRST_FILE.toString(), BOB_SECOND_FILE.toString(), BOB_AUDIO_FILE.toString());
    }

    @Test
    void aStreamShownTwiceIsDecodedOnceAndSplit() {
        String script = FilterGraphBuilder.build(twoRegionPlan(), twoRegionSources(), SCRIPT, OUTPUT).filterScript();

        assertThat(script).containsOnlyOnce("[0:0]");
        assertThat(script).contains("split=2[in0_0_0][in0_0_1]");
    }

    @Test
    void everyInputMayChangeResolutionWithoutRebuildingTheGraph() {
        List<String> args = FilterGraphBuilder.build(twoRegionPlan(), twoRegionSources(), SCRIPT, OUTPUT).arguments();

        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("-i")) {
                assertThat(args.subList(i - 5, i)).containsExactly("-reinit_filter", "0", "-seek_timestamp", "1",
                        "-noautorotate");
            }
        }
    }

    @Test
    void webm_sameGraphAndTimingOptions_vp8AndOpusInsteadOfH264AndAac() {
        FfmpegCommand mp4 = FilterGraphBuilder.build(twoRegionPlan(), twoRegionSources(), SCRIPT, OUTPUT);
        FfmpegCommand webm = FilterGraphBuilder.build(twoRegionPlan(), twoRegionSources(), Colour.BLACK, List.of(),
                OutputFormat.WEBM, SCRIPT, OUTPUT);

        assertThat(webm.filterScript()).isEqualTo(mp4.filterScript());
        String args = String.join(" ", webm.arguments());
        assertThat(args).contains("-r 30 -fps_mode cfr -ar 48000 -ac 2 -t 6.000")
                .contains("-c:v libvpx -deadline realtime -cpu-used 8 -crf 10 -b:v 2M")
                .contains("-c:a libopus").endsWith("-f webm " + OUTPUT)
                .doesNotContain("libx264").doesNotContain("aac").doesNotContain("movflags");
    }

    /** The encoding's frame rate runs the canvas, the stacked pictures' clocks and the output; its point the codec. */
    @Test
    void encoding_setsTheFrameRateThroughoutAndTheEncoderPoint() {
        EncoderPoint point = new EncoderPoint("superfast", 21, 12, 12);
        FfmpegCommand overlaid = FilterGraphBuilder.build(twoRegionPlan(), twoRegionSources(), Colour.BLACK, List.of(),
                new Encoding(OutputFormat.MP4, point, 15), SCRIPT, OUTPUT);
        String stacked = FilterGraphBuilder.build(twoPicturePlan(new Resolution(400, 120), 0,
                RegionSpec.builder("main", 0, 0, 400, 120).videoSources("*").build()), twoPictureSources(0),
                Colour.BLACK, List.of(), new Encoding(OutputFormat.WEBM, point, 15), SCRIPT, OUTPUT).filterScript();

        assertThat(overlaid.filterScript()).startsWith("color=c=black:s=320x240:r=15:").doesNotContain("r=30");
        assertThat(String.join(" ", overlaid.arguments())).contains("-r 15 -fps_mode cfr")
                .contains("-c:v libx264 -preset superfast -crf 21 -pix_fmt yuv420p");
        assertThat(stacked).contains(",fps=15:start_time=0[r0_c0_0]").doesNotContain("fps=30");
        assertThat(String.join(" ", FilterGraphBuilder.build(twoRegionPlan(), twoRegionSources(), Colour.BLACK,
                List.of(), new Encoding(OutputFormat.WEBM, point, 15), SCRIPT, OUTPUT).arguments()))
                .contains("-c:v libvpx -deadline realtime -cpu-used 12 -crf 12 -b:v 2M");
    }

    @Test
    void equalInputsGiveEqualCommands_whateverTheOrderOfSources() {
        List<RenderSource> reversed = new ArrayList<>(twoRegionSources());
        Collections.reverse(reversed);

        assertThat(FilterGraphBuilder.build(twoRegionPlan(), reversed, SCRIPT, OUTPUT))
                .isEqualTo(FilterGraphBuilder.build(twoRegionPlan(), twoRegionSources(), SCRIPT, OUTPUT));
    }

    @Test
    void withoutAudio_aSilentTrackOfThePlannedLengthIsEncoded() {
        CompositionPlan plan = LayoutPlanner.plan(
                List.of(VideoTrack.continuous("alice-v", "alice", span(0, 2.5), 160, 120)), List.of(),
                new LayoutRequest(new Resolution(160, 120),
                        List.of(RegionSpec.builder("main", 0, 0, 160, 120).videoSources("*").build()),
                        AudioSelection.ALL, false));

        String script = FilterGraphBuilder.build(plan,
                List.of(new RenderSource("alice-v", ALICE_FILE, 0, MediaKind.VIDEO, 0)), SCRIPT, OUTPUT).filterScript();

        assertThat(script).contains("anullsrc=r=48000:cl=stereo:d=2.500[aout]").doesNotContain("amix");
    }

    /**
     * A phone recording stored 160x120 with "turn a quarter clockwise" in its display matrix: the planner was given
     * its upright 120x160, the graph turns each decoded picture right after its timestamps are mapped (once, before
     * any split), and ffmpeg's own autorotation is off so the picture is not turned twice.
     */
    @Test
    void aTurnedRecordingIsTurnedInTheGraph_onceBeforeItsCopies() {
        CompositionPlan plan = LayoutPlanner.plan(
                List.of(VideoTrack.continuous("phone-v", "alice", span(0, 2), 120, 160)), List.of(),
                new LayoutRequest(new Resolution(320, 240), List.of(
                        RegionSpec.builder("main", 0, 0, 320, 240).videoSources("*").build(),
                        RegionSpec.builder("pip", 240, 160, 80, 80).z(1).videoSources("*").build()),
                        AudioSelection.ALL, false));

        FfmpegCommand command = FilterGraphBuilder.build(plan, List.of(new RenderSource("phone-v", ALICE_FILE, 0,
                MediaKind.VIDEO, 0, Optional.of(new Orientation(90, false)))), SCRIPT, OUTPUT);

        assertThat(command.filterScript())
                .contains("[0:0]setpts='clip(T,0,2.000)/TB',transpose=clock,split=2[in0_0_0][in0_0_1]")
                .containsOnlyOnce("transpose")
                .contains("[in0_0_0]scale=180:240:") // 3:4 upright in 320x240: pillarboxed
                .contains("[in0_0_1]scale=60:80:");
        assertThat(command.arguments()).containsSubsequence("-noautorotate", "-i", ALICE_FILE.toString());
    }

    /**
     * A recording stored before orientations were probed: its turn is unknown, so ffmpeg's own autorotation turns
     * it, as it always did, and the graph adds nothing. Other files are still turned by the graph alone.
     */
    @Test
    void aRecordingWithoutAProbedOrientationIsLeftToFfmpegsAutorotation() {
        List<RenderSource> sources = twoRegionSources().stream()
                .map(source -> source.recordingId().equals("alice-v")
                        ? new RenderSource("alice-v", ALICE_FILE, 0, MediaKind.VIDEO, 1_000, Optional.empty())
                        : source)
                .toList();

        FfmpegCommand command = FilterGraphBuilder.build(twoRegionPlan(), sources, SCRIPT, OUTPUT);

        List<String> args = command.arguments();
        int alice = args.indexOf(ALICE_FILE.toString());
        assertThat(args.subList(alice - 5, alice)).containsExactly("-reinit_filter", "0", "-seek_timestamp", "1", "-i");
        int bob = args.indexOf(BOB_FIRST_FILE.toString());
        assertThat(args.get(bob - 2)).isEqualTo("-noautorotate");
        assertThat(command.filterScript()).doesNotContain("transpose").doesNotContain("flip");
    }

    @Test
    void anUprightRecordingGetsNoTurningFilter() {
        String script = FilterGraphBuilder.build(twoRegionPlan(), twoRegionSources(), SCRIPT, OUTPUT).filterScript();

        assertThat(script).doesNotContain("transpose").doesNotContain("flip");
    }

    @Test
    void withoutVideo_theBlackCanvasIsTheVideo() {
        CompositionPlan plan = LayoutPlanner.plan(List.of(), List.of(new AudioTrack("alice-a", "alice", span(0, 2))),
                new LayoutRequest(new Resolution(160, 120), List.of(), AudioSelection.ALL, false));

        String script = FilterGraphBuilder.build(plan,
                List.of(new RenderSource("alice-a", ALICE_FILE, 1, MediaKind.AUDIO, 0)), SCRIPT, OUTPUT).filterScript();

        assertThat(script).startsWith("color=c=black:s=160x120:r=30:d=2.000[vout];\n").doesNotContain("overlay");
    }

    @Test
    void aRecordingThePlanUsesButTheSourcesLack_isRejectedByName() {
        List<RenderSource> withoutBob = twoRegionSources().stream()
                .filter(source -> !source.recordingId().equals("bob-v2"))
                .toList();

        assertThatThrownBy(() -> FilterGraphBuilder.build(twoRegionPlan(), withoutBob, SCRIPT, OUTPUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the plan uses video recording bob-v2, but no render source has that id");
    }

    @Test
    void aSourceOfTheWrongKind_isRejected() {
        List<RenderSource> bobAudioAsVideo = twoRegionSources().stream()
                .map(source -> source.recordingId().equals("bob-a")
                        ? new RenderSource("bob-a", BOB_AUDIO_FILE, 0, MediaKind.VIDEO, 2_000) : source)
                .toList();

        assertThatThrownBy(() -> FilterGraphBuilder.build(twoRegionPlan(), bobAudioAsVideo, SCRIPT, OUTPUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the plan uses recording bob-a as audio, but its render source is video");
    }

    @Test
    void twoSourcesNamingOneStream_areRejected() {
        List<RenderSource> clash = List.of(
                new RenderSource("alice-v", ALICE_FILE, 0, MediaKind.VIDEO, 1_000),
                new RenderSource("alice-v-again", ALICE_FILE, 0, MediaKind.VIDEO, 1_000));

        assertThatThrownBy(() -> FilterGraphBuilder.build(twoRegionPlan(), clash, SCRIPT, OUTPUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("recordings alice-v and alice-v-again both name media/alice.webm stream 0");
    }

    /** The arguments as a reader scans them: each option on a line with its value. */
    static String optionPerLine(List<String> args) {
        StringBuilder text = new StringBuilder();
        for (String arg : args) {
            text.append(arg.startsWith("-") && text.length() > 0 ? "\n" : text.length() > 0 ? " " : "").append(arg);
        }
        return text.append('\n').toString();
    }

    private static List<String> inputs(FfmpegCommand command) {
        List<String> args = command.arguments();
        return IntStream.range(0, args.size() - 1)
                .filter(i -> args.get(i).equals("-i"))
                .mapToObj(i -> args.get(i + 1))
                .toList();
    }

    private static TimeSpan span(double startSeconds, double endSeconds) {
        return new TimeSpan(Math.round(startSeconds * 1000), Math.round(endSeconds * 1000));
    }
}
