package dev.montage.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The commands of a segmented render are data too: a part and the one-piece audio of
 * {@link FilterGraphBuilderTest#twoRegionPlan()} (trimmed, two regions, a reconnect, a cut at output 5 s) are kept in
 * golden files, and the rules that make a part equal to its window of the single pass are checked on their own.
 *
 * <p>To accept a deliberate change, run once with {@code -Dgolden.update=true} and review the diff.
 */
class SegmentGraphTest {

    private static final Path PART_GOLDEN = Path.of("src/test/resources/golden/two-region-plan-part-4-6.txt");
    private static final Path AUDIO_GOLDEN = Path.of("src/test/resources/golden/two-region-plan-audio.txt");
    private static final Path SCRIPT = Path.of("work/filtergraph.txt");

    /** Output [4, 6): the last second before the cut and the second after it (bob's reconnected camera). */
    private static final OutputWindow ACROSS_THE_CUT = new OutputWindow(4_000, 6_000);

    @Test
    void partAcrossTheCut_matchesGoldenFile() throws IOException {
        assertGolden(part(ACROSS_THE_CUT, OutputFormat.MP4), PART_GOLDEN);
    }

    @Test
    void audio_matchesGoldenFile() throws IOException {
        assertGolden(FilterGraphBuilder.buildAudio(FilterGraphBuilderTest.twoRegionPlan(),
                FilterGraphBuilderTest.twoRegionSources(), OutputFormat.MP4, SCRIPT, Path.of("out/audio.mp4")),
                AUDIO_GOLDEN);
    }

    /**
     * Output 4 s is session 5 s (the output starts at session 1 s): alice's file, which starts at session 1 s, is
     * opened 2 s before her time 4 s, with her timestamps kept; bob's second file starts later and is read whole.
     */
    @Test
    void part_opensEachFileTwoSecondsBeforeTheWindow_keepingItsTimestamps() {
        List<String> args = part(ACROSS_THE_CUT, OutputFormat.MP4).arguments();

        assertThat(String.join(" ", args))
                .contains("-itsoffset 2.000 -ss 2.000 -i media/alice.webm")
                .contains("-noautorotate -i media/bob-2.webm");
        assertThat(args).as("bob's first camera ended before the window").doesNotContain("media/bob-1.webm")
                .as("no audio in a part").doesNotContain("media/bob-audio.ogg");
    }

    @Test
    void aWindowAtTheStart_opensNoFileLate() {
        assertThat(part(new OutputWindow(0, 2_000), OutputFormat.MP4).arguments())
                .doesNotContain("-ss", "-itsoffset");
    }

    /** The canvas starts at the window and the part's own clock at its first frame; the graph sees output times. */
    @Test
    void part_drawsItsWindowOnTheOutputClock_thenStartsItsOwnClockAtZero() {
        String script = part(ACROSS_THE_CUT, OutputFormat.MP4).filterScript();

        assertThat(script).startsWith("color=c=black:s=320x240:r=30:d=2.000,setpts=PTS+120[canvas]")
                // alice's spans as in the single pass, though the first ends before the window
                .contains("enable='gte(t,0.000)*lt(t,2.000)+gte(t,3.500)*lt(t,5.000)'")
                .doesNotContain("[aout]")
                .endsWith("[window]setpts=PTS-STARTPTS[vout]\n");
    }

    @Test
    void part_isVideoOnly_inTheFormatsContainer_withoutTheFinishedFilesIndexPass() {
        String mp4 = String.join(" ", part(ACROSS_THE_CUT, OutputFormat.MP4).arguments());
        String webm = String.join(" ", part(ACROSS_THE_CUT, OutputFormat.WEBM).arguments());

        assertThat(mp4).contains("-map [vout] -r 30 -fps_mode cfr -t 2.000 -c:v libx264")
                .doesNotContain("[aout]", "-c:a", "faststart").endsWith("-f mp4 out/part-0.mp4");
        assertThat(webm).contains("-c:v libvpx").doesNotContain("-c:a").endsWith("-f webm out/part-0.webm");
    }

    @Test
    void audio_isAudioOnly() {
        FfmpegCommand command = FilterGraphBuilder.buildAudio(FilterGraphBuilderTest.twoRegionPlan(),
                FilterGraphBuilderTest.twoRegionSources(), OutputFormat.WEBM, SCRIPT, Path.of("out/audio.webm"));

        assertThat(String.join(" ", command.arguments())).contains("-map [aout] -ar 48000 -ac 2 -t 6.000 -c:a libopus")
                .doesNotContain("[vout]", "-c:v", "media/bob-1.webm");
        assertThat(command.filterScript()).doesNotContain("color=", "overlay");
    }

    @Test
    void aWindowBeyondTheOutput_isRefused() {
        assertThatThrownBy(() -> part(new OutputWindow(6_000, 8_000), OutputFormat.MP4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beyond the output's end (6000 ms)");
    }

    @Test
    void join_concatenatesThePartsInOrder_andCopiesEveryStream() {
        PartJoin join = PartJoin.of(List.of(Path.of("/w/part-0.mp4"), Path.of("/w/it's part-1.mp4")),
                Path.of("/w/audio.mp4"), OutputFormat.MP4, Path.of("/w/parts.txt"), Path.of("/w/out.mp4"));

        assertThat(join.concatList()).isEqualTo("ffconcat version 1.0\nfile '/w/part-0.mp4'\n"
                + "file '/w/it'\\''s part-1.mp4'\n");
        assertThat(String.join(" ", join.arguments())).contains(
                "-f concat -safe 0 -i /w/parts.txt -i /w/audio.mp4 -map 0:v:0 -map 1:a:0 -c copy "
                        + "-movflags +faststart -f mp4 /w/out.mp4");
    }

    @Test
    void join_ofNoParts_isRefused() {
        assertThatThrownBy(() -> PartJoin.of(List.of(), Path.of("a.mp4"), OutputFormat.MP4, Path.of("l.txt"),
                Path.of("o.mp4"))).isInstanceOf(IllegalArgumentException.class);
    }

    private static FfmpegCommand part(OutputWindow window, OutputFormat format) {
        return FilterGraphBuilder.buildVideoPart(FilterGraphBuilderTest.twoRegionPlan(),
                FilterGraphBuilderTest.twoRegionSources(), Colour.BLACK, List.of(), format, window, SCRIPT,
                Path.of("out/part-0." + format.extension()));
    }

    private static void assertGolden(FfmpegCommand command, Path golden) throws IOException {
        String actual = "# arguments\n" + FilterGraphBuilderTest.optionPerLine(command.arguments())
                + "\n# filter script\n" + command.filterScript();
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
