package dev.montage.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.montage.layout.AudioSelection;
import dev.montage.layout.AudioTrack;
import dev.montage.layout.CompositionPlan;
import dev.montage.layout.LayoutPlanner;
import dev.montage.layout.LayoutRequest;
import dev.montage.layout.RegionSpec;
import dev.montage.layout.Resolution;
import dev.montage.layout.TimeSpan;
import dev.montage.layout.VideoTrack;
import dev.montage.support.AudioSpectrum;
import dev.montage.support.Frames;
import dev.montage.support.FrameCode;
import dev.montage.support.Frames.Picture;
import dev.montage.support.MediaFacts;
import dev.montage.support.TestMedia;

/**
 * A composition rendered in parts ({@link CompositionRenderer#renderVideoPart} per window of
 * {@link OutputWindow#split}, {@link CompositionRenderer#renderAudio}, {@link CompositionRenderer#join}) against the
 * same composition rendered in one pass: the same frames at the same instants, the same pictures around every seam,
 * the same sound at the same samples. The recordings move every frame (ffmpeg's {@code testsrc2}), so a frame
 * repeated or lost at a seam would show as a picture one frame off.
 */
class SegmentedRenderTest {

    private static final double ONE_FRAME = 1.0 / FilterGraphBuilder.FRAME_RATE;
    private static final Duration PART = Duration.ofSeconds(2);

    /**
     * Two encodings of one picture differ by less than this, as the mean difference of channel values (0 to 255); the
     * busy test pattern at 160x120 is the encoders' worst case. Which frame is shown is read exactly
     * ({@link FrameCode}).
     */
    private static final double ENCODER_NOISE = 6.0;

    private final CompositionRenderer renderer =
            new CompositionRenderer(new FfmpegBinaries(MediaSettings.bundled(Duration.ZERO)));

    @TempDir
    Path dir;

    /**
     * Two people present throughout, side by side: the stacked graph ({@code fps} puts each picture on the output
     * clock). Alice sends 15 fps from 20 ms, so her frames fall between the output's, Bob 30 fps; Bob came first, so
     * he has the left cell.
     * <pre>
     *  0         2         4         6     seams at 2 and 4
     *  |===================================|  bob   30 fps, 1000 Hz     left
     *  .|==================================|  alice 15 fps, 440 Hz, from 0.02     right
     * </pre>
     */
    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void stackedGrid_joinedPartsEqualTheSinglePass(OutputFormat format) throws Exception {
        List<VideoTrack> video = List.of(
                VideoTrack.continuous("alice-v", "alice", span(0.02, 6), 160, 120),
                VideoTrack.continuous("bob-v", "bob", span(0, 6), 160, 120));
        List<AudioTrack> audio = List.of(
                new AudioTrack("alice-a", "alice", span(0.02, 6)),
                new AudioTrack("bob-a", "bob", span(0, 6)));
        Path alice = write("alice.webm", TestMedia.counting(15, 440, 6));
        Path bob = write("bob.webm", TestMedia.counting(30, 1000, 6));
        CompositionPlan plan = plan(320, 120, video, audio);

        Renders renders = renderBothWays(plan, List.of(
                new RenderSource("alice-v", alice, 0, MediaKind.VIDEO, 20),
                new RenderSource("alice-a", alice, 1, MediaKind.AUDIO, 20),
                new RenderSource("bob-v", bob, 0, MediaKind.VIDEO, 0),
                new RenderSource("bob-a", bob, 1, MediaKind.AUDIO, 0)), Look.PLAIN, format);

        assertSameFramesAtTheSameInstants(renders);
        Shown shown = Shown.of(renders, 320);
        // output frame i (at i/30 s) shows bob's frame i, none repeated or lost at 2 and 4; alice's frame k (at
        // 0.02 + k/15 s) is the nearest to output frame 2k + 1 and shows until the next, her first also back to 0
        assertFrames(shown.joinedCodes(0, 0), range(0, 180, 1), "bob's frames in the joined file");
        assertFrames(shown.joinedCodes(160, 0), IntStream.range(0, 180).map(i -> Math.max(0, (i - 1) / 2)).boxed()
                .toList(), "alice's frames in the joined file");
        shown.assertSameAsSinglePass(List.of(new Cell(0, 0), new Cell(160, 0)));
        shown.assertShiftedComparisonFailsAtSeams(new Cell(0, 0), List.of(60, 120));
        assertSameSound(renders);
    }

    /**
     * Pictures come and go, so the overlay graph draws them: Bob joins exactly at the first seam, seen and heard from
     * its first frame, Carol half-way through the second part. Alice has a name label. The output lasts 5.75 s, so the
     * last part is shorter than the others and ends between two frames.
     * <pre>
     *  0         2         4       5.75    seams at 2 and 4
     *  |================================|  alice 30 fps, 440 Hz, labelled        top left
     *            |======================|  bob   30 fps, 1000 Hz, from 2          top right
     *                   |===============|  carol 15 fps, 700 Hz, from 3.5        bottom left
     * </pre>
     */
    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void overlaidPictures_changingAtASeam_joinedPartsEqualTheSinglePass(OutputFormat format) throws Exception {
        List<VideoTrack> video = List.of(
                VideoTrack.continuous("alice-v", "alice", span(0, 5.75), 160, 120),
                VideoTrack.continuous("bob-v", "bob", span(2, 5.75), 160, 120),
                VideoTrack.continuous("carol-v", "carol", span(3.5, 5.75), 160, 120));
        List<AudioTrack> audio = List.of(
                new AudioTrack("alice-a", "alice", span(0, 5.75)),
                new AudioTrack("bob-a", "bob", span(2, 5.75)),
                new AudioTrack("carol-a", "carol", span(3.5, 5.75)));
        Path alice = write("alice.webm", TestMedia.counting(30, 440, 6));
        Path bob = write("bob.webm", TestMedia.counting(30, 1000, 4));
        // each file is longer than the plan needs: the plan, not the file, ends the output
        Path carol = write("carol.webm", TestMedia.counting(15, 700, 3));
        CompositionPlan plan = plan(320, 240, video, audio);
        Look look = new Look(Colour.BLACK, Set.of("main"), Map.of("alice", "Alice"));

        Renders renders = renderBothWays(plan, List.of(
                new RenderSource("alice-v", alice, 0, MediaKind.VIDEO, 0),
                new RenderSource("alice-a", alice, 1, MediaKind.AUDIO, 0),
                new RenderSource("bob-v", bob, 0, MediaKind.VIDEO, 2_000),
                new RenderSource("bob-a", bob, 1, MediaKind.AUDIO, 2_000),
                new RenderSource("carol-v", carol, 0, MediaKind.VIDEO, 3_500),
                new RenderSource("carol-a", carol, 1, MediaKind.AUDIO, 3_500)), look, format);

        assertSameFramesAtTheSameInstants(renders);
        Shown shown = Shown.of(renders, 320);
        // frames 0 to 172: the last at 5.733 s, the first not shown at 5.767 s (its window ends at 5.75)
        assertFrames(shown.joinedCodes(0, 0), range(0, 173, 1), "alice's frames in the joined file");
        assertFrames(shown.joinedCodes(160, 0).subList(60, 173), range(0, 113, 1),
                "bob's frames, from the seam at 2 s");
        // carol's cell is black in the very last frame: so is the single pass's (checked below), whose overlay finds
        // no 15 fps frame at or after that frame's instant before the output ends; not a seam's doing
        assertFrames(shown.joinedCodes(0, 120).subList(105, 172), range(0, 67, 2), "carol's frames, from 3.5 s");
        shown.assertSameAsSinglePass(List.of(new Cell(0, 0), new Cell(160, 0), new Cell(0, 120)));
        shown.assertShiftedComparisonFailsAtSeams(new Cell(0, 0), List.of(60, 120));
        // bob's cell is black up to the seam and shows his first frame in the frame at the seam
        int firstSeen = shown.firstFrameNotBlack(160, 0, 160, 120);
        assertThat(firstSeen).as("the first frame showing bob").isEqualTo(60);
        assertSameSound(renders);
        double heard = AudioSpectrum.onset(renders.joined(), 1.7, 2.3, 1000).orElseThrow();
        assertThat(heard).as("bob first heard, against first seen").isCloseTo(firstSeen * ONE_FRAME, within(ONE_FRAME));
    }

    /**
     * A part late in a long recording reads it from shortly before its window, not from its start: ffmpeg's own count
     * of decoded frames (its final statistics) stays near the window's share, and the part shows the right frames.
     * <pre>
     *  0                                26   28    30
     *  |=====================================|=====|    alice 15 fps; the part is [26, 28)
     * </pre>
     */
    @Test
    void partLateInALongRecording_decodesOnlyAroundItsWindow() throws Exception {
        List<VideoTrack> video = List.of(VideoTrack.continuous("alice-v", "alice", span(0, 30), 160, 120));
        Path alice = write("alice.webm", TestMedia.counting(15, 440, 30));
        CompositionPlan plan = plan(160, 120, video, List.of());
        OutputWindow window = new OutputWindow(26_000, 28_000);
        Path script = dir.resolve("part.txt");
        Path part = dir.resolve("part-13.mp4");
        FfmpegCommand command = FilterGraphBuilder.buildVideoPart(plan,
                List.of(new RenderSource("alice-v", alice, 0, MediaKind.VIDEO, 0)), Colour.BLACK, List.of(),
                OutputFormat.MP4, window, script, part);
        Files.writeString(script, command.filterScript());

        int decoded = decodedFrames(command);

        int inTheWindow = 2 * 15;
        // the 2 s of preroll, back to the keyframe before it (one a second), and what the decoder reads ahead
        int aroundIt = 2 * 15 + 15 + 6;
        assertThat(decoded).as("frames decoded for a 2 s part at 26 s; %d frames come before the window", 26 * 15)
                .isBetween(inTheWindow, inTheWindow + aroundIt);
        List<Integer> codes = Frames.allPictures(part, 160).stream().map(p -> FrameCode.read(p, 0, 0)).toList();
        assertFrames(codes, range(26 * 30, 28 * 30, 2), "alice's frames in the part");
    }

    /** A missing part fails the join with a reason that names it (not the server's folders); nothing is written. */
    @Test
    void joinWithAMissingPart_failsNamingIt_andWritesNothing() throws Exception {
        Path audio = write("audio.webm", TestMedia.audioOnly(440, 1));
        Path output = dir.resolve("joined.webm");
        Path work = dir.resolve("work");
        Files.createDirectories(work);

        assertThatThrownBy(() -> renderer.join(List.of(audio, dir.resolve("part-1.webm")), audio, OutputFormat.WEBM,
                work, output, percent -> true))
                .isInstanceOf(RenderException.class)
                .hasMessage("video part 1 of 2 (part-1.webm) is missing");
        assertThat(output).doesNotExist();
        try (var left = Files.list(work)) {
            assertThat(left).as("nothing in the work folder").isEmpty();
        }
    }

    /** A join that ffmpeg itself refuses (a "part" that is not video) fails with ffmpeg's reason and leaves nothing. */
    @Test
    void joinOfAPartWithoutVideo_failsWithFfmpegsReason_andLeavesNothing() throws Exception {
        Path audio = write("audio.webm", TestMedia.audioOnly(440, 1));
        Path output = dir.resolve("joined.webm");
        Path work = dir.resolve("work");

        assertThatThrownBy(() -> renderer.join(List.of(audio), audio, OutputFormat.WEBM, work, output,
                percent -> true))
                .isInstanceOf(RenderException.class).hasMessageContaining("ffmpeg failed");
        assertThat(output).doesNotExist();
        try (var left = Files.list(work)) {
            assertThat(left).as("the list of parts is removed").isEmpty();
        }
    }

    /** Runs the command as the renderer would, with ffmpeg's final statistics, and reads its video frames decoded. */
    private static int decodedFrames(FfmpegCommand command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(command.commandLine(Path.of(TestMedia.ffmpeg())));
        line.set(line.indexOf("-loglevel") + 1, "verbose");
        Process ffmpeg = new ProcessBuilder(line).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String stderr = new String(ffmpeg.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ffmpeg.waitFor()).as("ffmpeg's exit code; it said:%n%s", stderr).isZero();
        Matcher stats = Pattern.compile(
                "Input stream #0:0 \\(video\\): \\d+ packets read \\(\\d+ bytes\\); (\\d+) frames decoded")
                .matcher(stderr);
        assertThat(stats.find()).as("ffmpeg's statistics in:%n%s", stderr).isTrue();
        return Integer.parseInt(stats.group(1));
    }

    private record Renders(Path single, Path joined) {
    }

    private Renders renderBothWays(CompositionPlan plan, List<RenderSource> sources, Look look, OutputFormat format)
            throws RenderException, InterruptedException, IOException {
        Path work = dir.resolve("work");
        String ext = format.extension();
        Path single = renderer.render(plan, sources, look, format, work, dir.resolve("single." + ext), percent -> true)
                .output();
        List<Path> parts = new ArrayList<>();
        List<OutputWindow> windows = OutputWindow.split(plan.durationMillis(), PART);
        for (int i = 0; i < windows.size(); i++) {
            parts.add(renderer.renderVideoPart(plan, sources, look, format, windows.get(i), work,
                    dir.resolve("part-" + i + "." + ext), percent -> true).output());
        }
        Path audio = renderer.renderAudio(plan, sources, format, work, dir.resolve("audio." + ext), percent -> true)
                .output();
        Path joined = renderer.join(parts, audio, format, work, dir.resolve("joined." + ext), percent -> true).output();
        try (var left = Files.list(work)) {
            assertThat(left).as("scripts and lists are removed").isEmpty();
        }
        return new Renders(single, joined);
    }

    private static void assertSameFramesAtTheSameInstants(Renders renders) {
        List<Double> single = Frames.timestamps(renders.single());
        List<Double> joined = Frames.timestamps(renders.joined());
        assertThat(joined).as("frames of the joined file").hasSameSizeAs(single);
        for (int i = 0; i < single.size(); i++) {
            assertThat(joined.get(i)).as("instant of frame %d", i).isCloseTo(single.get(i), within(0.0005))
                    .isCloseTo(i * ONE_FRAME, within(0.0015));
        }
        MediaFacts singleFacts = MediaFacts.of(renders.single());
        MediaFacts joinedFacts = MediaFacts.of(renders.joined());
        assertThat(joinedFacts.durationSeconds()).as("duration")
                .isCloseTo(singleFacts.durationSeconds(), within(ONE_FRAME));
        assertThat(joinedFacts.videoCodec()).isEqualTo(singleFacts.videoCodec());
        assertThat(joinedFacts.audioCodec()).isEqualTo(singleFacts.audioCodec());
        assertThat(joinedFacts.moovBeforeMdat()).as("index first").isEqualTo(singleFacts.moovBeforeMdat());
    }

    /**
     * The same samples at the same positions: the audio is one piece in both, mixed by the same graph and encoded by
     * the same encoder from the same samples, so the decoded sound is identical, not merely close.
     */
    private static void assertSameSound(Renders renders) {
        double[] single = AudioSpectrum.samples(renders.single());
        double[] joined = AudioSpectrum.samples(renders.joined());
        assertThat(joined.length).as("samples").isEqualTo(single.length);
        for (int i = 0; i < single.length; i++) {
            if (joined[i] != single[i]) {
                throw new AssertionError("sample " + i + " (at " + i / 48_000.0 + " s) is " + joined[i]
                        + " in the joined file and " + single[i] + " in the single pass");
            }
        }
    }

    /** The top-left corner of a cell that shows a {@link TestMedia#counting} recording unscaled. */
    private record Cell(int x, int y) {
    }

    /** Every frame of both renders, decoded once. */
    private record Shown(List<Picture> single, List<Picture> joined) {

        static Shown of(Renders renders, int width) {
            Shown shown = new Shown(Frames.allPictures(renders.single(), width),
                    Frames.allPictures(renders.joined(), width));
            assertThat(shown.joined()).as("frames decoded from the joined file").hasSameSizeAs(shown.single());
            return shown;
        }

        List<Integer> joinedCodes(int x, int y) {
            return joined.stream().map(picture -> FrameCode.read(picture, x, y)).toList();
        }

        /**
         * Each frame of the joined file shows the same source frames in the cells as the single pass's, and otherwise
         * the same picture within encoder noise (labels, black, the moving pattern).
         */
        void assertSameAsSinglePass(List<Cell> cells) {
            Picture first = single.get(0);
            for (int i = 0; i < single.size(); i++) {
                for (Cell cell : cells) {
                    assertThat(FrameCode.read(joined.get(i), cell.x(), cell.y()))
                            .as("source frame in the cell at %s of frame %d", cell, i)
                            .isEqualTo(FrameCode.read(single.get(i), cell.x(), cell.y()));
                }
                assertThat(joined.get(i).meanDifference(single.get(i), 0, 0, first.width(), first.height()))
                        .as("frame %d against the single pass's", i).isLessThan(ENCODER_NOISE);
            }
        }

        /**
         * Around each seam, the joined frames compared with the single pass's one frame off do differ: the equality
         * above is not one that a repeated or lost frame would also pass. {@code cell} shows a 30 fps recording.
         */
        void assertShiftedComparisonFailsAtSeams(Cell cell, List<Integer> seams) {
            for (int seam : seams) {
                for (int i = seam - 1; i <= seam; i++) {
                    int code = FrameCode.read(joined.get(i), cell.x(), cell.y());
                    assertThat(code).as("frame %d against the single pass's next", i)
                            .isNotEqualTo(FrameCode.read(single.get(i + 1), cell.x(), cell.y()));
                    assertThat(code).as("frame %d against the single pass's previous", i)
                            .isNotEqualTo(FrameCode.read(single.get(i - 1), cell.x(), cell.y()));
                }
            }
        }

        /** The first frame of the joined file in which the area is not black. */
        int firstFrameNotBlack(int x, int y, int w, int h) {
            Picture black = new Picture(joined.get(0).width(), new byte[joined.get(0).rgb().length]);
            for (int i = 0; i < joined.size(); i++) {
                if (joined.get(i).meanDifference(black, x, y, w, h) > ENCODER_NOISE) {
                    return i;
                }
            }
            throw new AssertionError("no frame shows anything at " + x + "," + y);
        }
    }

    /** The source frames shown, frame by frame; a failure names the first frame that differs, with its neighbours. */
    private static void assertFrames(List<Integer> actual, List<Integer> expected, String what) {
        assertThat(actual).as("%s: number of frames", what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            int from = Math.max(0, i - 3);
            int to = Math.min(expected.size(), i + 4);
            assertThat(actual.get(i)).as("%s: frame %d shows source frame %d; frames %d to %d show %s, expected %s",
                    what, i, actual.get(i), from, to - 1, actual.subList(from, to), expected.subList(from, to))
                    .isEqualTo(expected.get(i));
        }
    }

    /**
     * Source frame numbers as the output frames {@code from} to {@code to} (exclusive) show them: one per
     * {@code repeat} frames.
     */
    private static List<Integer> range(int from, int to, int repeat) {
        return IntStream.range(from, to).map(i -> i / repeat).boxed().toList();
    }

    private Path write(String name, byte[] media) throws IOException {
        Path file = dir.resolve("media").resolve(name);
        Files.createDirectories(file.getParent());
        return Files.write(file, media);
    }

    private static CompositionPlan plan(int width, int height, List<VideoTrack> video, List<AudioTrack> audio) {
        return LayoutPlanner.plan(video, audio, new LayoutRequest(new Resolution(width, height),
                List.of(RegionSpec.builder("main", 0, 0, width, height).videoSources("*").build()), AudioSelection.ALL,
                false));
    }

    private static TimeSpan span(double startSeconds, double endSeconds) {
        return new TimeSpan(Math.round(startSeconds * 1000), Math.round(endSeconds * 1000));
    }
}
