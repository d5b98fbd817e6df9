package dev.montage.media;

import static dev.montage.support.Frames.colourAt;
import static dev.montage.support.Frames.near;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
import dev.montage.support.MediaFacts;
import dev.montage.support.Rgb;
import dev.montage.support.TestMedia;

import tools.jackson.databind.json.JsonMapper;

/**
 * Real renders of small synthetic recordings (solid colours, sine tones, 160x120), read back with
 * ffmpeg: the colour at a cell's centre at a chosen instant proves layout and timing, and the tones
 * present in the mix prove the audio. Times in comments are seconds.
 */
class CompositionRendererTest {

    private static final double ONE_FRAME = 1.0 / FilterGraphBuilder.FRAME_RATE;

    private final CompositionRenderer renderer = new CompositionRenderer(new FfmpegBinaries(MediaSettings.bundled(Duration.ZERO)));

    @TempDir
    Path dir;

    @Test
    void gridOfFour_showsEachColourInItsCell() throws Exception {
        List<VideoTrack> video = List.of(
                VideoTrack.continuous("a-red", "a", span(0, 2), 160, 120),
                VideoTrack.continuous("b-green", "b", span(0, 2), 160, 120),
                VideoTrack.continuous("c-blue", "c", span(0, 2), 160, 120),
                VideoTrack.continuous("d-yellow", "d", span(0, 2), 160, 120));

        Path out = render(plan(320, 240, video, List.of(), wholeCanvas(320, 240)),
                video("a-red", TestMedia.videoOnly("red", 2), 0),
                video("b-green", TestMedia.videoOnly("green", 2), 0),
                video("c-blue", TestMedia.videoOnly("blue", 2), 0),
                video("d-yellow", TestMedia.videoOnly("yellow", 2), 0));

        assertThat(colourAt(out, 1.0, 80, 60)).is(near(Rgb.RED));
        assertThat(colourAt(out, 1.0, 240, 60)).is(near(Rgb.GREEN));
        assertThat(colourAt(out, 1.0, 80, 180)).is(near(Rgb.BLUE));
        assertThat(colourAt(out, 1.0, 240, 180)).is(near(Rgb.YELLOW));
    }

    /**
     * Two 4:3 pictures side by side in a 400x120 canvas, present throughout: the static graph (one xstack).
     * Each is fitted to 160x120 in its 200x120 cell, so black bars of 20 px flank both, and the stacked
     * pictures end at x = 380, short of the canvas's edge, which padding must still make black.
     */
    @Test
    void staticGridWithBars_showsEachPictureInItsCellAndBlackAround_forTheWholeDuration() throws Exception {
        List<VideoTrack> video = List.of(
                VideoTrack.continuous("a-red", "a", span(0, 2), 160, 120),
                VideoTrack.continuous("b-blue", "b", span(0, 2), 160, 120));
        CompositionPlan plan = plan(400, 120, video, List.of(), wholeCanvas(400, 120));

        Path out = render(plan,
                video("a-red", TestMedia.videoOnly("red", 2), 0),
                video("b-blue", TestMedia.videoOnly("blue", 2), 0));

        MediaFacts facts = MediaFacts.of(out);
        assertThat(facts.width()).isEqualTo(400);
        assertThat(facts.height()).isEqualTo(120);
        assertThat(facts.videoFrames()).isEqualTo(60);
        for (double t : new double[] {0.0, 1.0, 1.95}) {
            assertThat(colourAt(out, t, 100, 60)).as("t=%s left picture", t).is(near(Rgb.RED));
            assertThat(colourAt(out, t, 300, 60)).as("t=%s right picture", t).is(near(Rgb.BLUE));
            assertThat(colourAt(out, t, 8, 60)).as("t=%s left bar", t).is(near(Rgb.BLACK));
            assertThat(colourAt(out, t, 200, 60)).as("t=%s bars between the cells", t).is(near(Rgb.BLACK));
            assertThat(colourAt(out, t, 392, 60)).as("t=%s right bar, beyond the stacked pictures", t)
                    .is(near(Rgb.BLACK));
        }
    }

    @Test
    void output_isH264AndAacInYuv420p_atAConstant30Fps_withFaststart_andLastsThePlannedDuration() throws Exception {
        List<VideoTrack> video = List.of(VideoTrack.continuous("alice-v", "alice", span(0, 2.5), 160, 120));
        List<AudioTrack> audio = List.of(new AudioTrack("alice-a", "alice", span(0, 2.5)));
        Path alice = write("alice.webm", TestMedia.webm("red", 440, 2.5));

        MediaFacts facts = MediaFacts.of(render(plan(320, 240, video, audio, wholeCanvas(320, 240)),
                new RenderSource("alice-v", alice, 0, MediaKind.VIDEO, 0),
                new RenderSource("alice-a", alice, 1, MediaKind.AUDIO, 0)));

        assertThat(facts.videoCodec()).isEqualTo("h264");
        assertThat(facts.pixelFormat()).isEqualTo("yuv420p");
        assertThat(facts.width()).isEqualTo(320);
        assertThat(facts.height()).isEqualTo(240);
        assertThat(facts.frameRate()).isEqualTo("30/1");
        assertThat(facts.averageFrameRate()).isEqualTo("30/1");
        assertThat(facts.videoFrames()).isEqualTo(75);
        assertThat(facts.audioCodec()).isEqualTo("aac");
        assertThat(facts.sampleRate()).isEqualTo(48_000);
        assertThat(facts.channels()).isEqualTo(2);
        assertThat(facts.moovBeforeMdat()).isTrue();
        assertThat(facts.durationSeconds()).isCloseTo(2.5, within(0.1));
    }

    @Test
    void withoutAudio_theFileStillHasASilentStereoAacTrack() throws Exception {
        List<VideoTrack> video = List.of(VideoTrack.continuous("alice-v", "alice", span(0, 2), 160, 120));

        Path out = render(plan(160, 120, video, List.of(), wholeCanvas(160, 120)),
                video("alice-v", TestMedia.videoOnly("red", 2), 0));

        MediaFacts facts = MediaFacts.of(out);
        assertThat(facts.audioCodec()).isEqualTo("aac");
        assertThat(facts.sampleRate()).isEqualTo(48_000);
        assertThat(facts.channels()).isEqualTo(2);
        assertThat(AudioSpectrum.absent(out, 0.2, 1.8, 440)).isTrue();
    }

    /**
     * <pre>
     *  0    1    2    3    4
     *  |====|  off    |====|     alice: no packets from 1 to 3
     * </pre>
     */
    @Test
    void cameraOffGap_showsBlack_notTheLastFrame() throws Exception {
        Path alice = write("alice.webm", TestMedia.withGap("red", 1, 2, 1));
        assertThat(probedActivity(alice)).as("the test file really has no packets from 1 s to 3 s")
                .hasSize(2)
                .noneMatch(active -> active.overlaps(span(1, 3)));
        List<VideoTrack> video = List.of(
                new VideoTrack("alice-v", "alice", span(0, 4), List.of(span(0, 1), span(3, 4)), 160, 120));

        Path out = render(plan(160, 120, video, List.of(), wholeCanvas(160, 120)),
                new RenderSource("alice-v", alice, 0, MediaKind.VIDEO, 0));

        assertThat(colourAt(out, 0.5, 80, 60)).is(near(Rgb.RED));
        assertThat(colourAt(out, 1.1, 80, 60)).is(near(Rgb.BLACK));
        assertThat(colourAt(out, 2.5, 80, 60)).is(near(Rgb.BLACK));
        assertThat(colourAt(out, 3.5, 80, 60)).is(near(Rgb.RED));
    }

    /**
     * With trim the gap is cut: the pictures after it follow those before it at once.
     * <pre>
     *  session  0    1    2    3    4
     *           |====|   cut   |====|
     *  output   0    1    2
     *           |====|====|
     * </pre>
     */
    @Test
    void cutInsideACameraOffGap_resumesWithThePicturesAfterIt() throws Exception {
        List<VideoTrack> video = List.of(
                new VideoTrack("alice-v", "alice", span(0, 4), List.of(span(0, 1), span(3, 4)), 160, 120));
        CompositionPlan plan = LayoutPlanner.plan(video, List.of(), new LayoutRequest(new Resolution(160, 120),
                List.of(wholeCanvas(160, 120)), AudioSelection.ALL, true));
        assertThat(plan.keptSegments()).containsExactly(span(0, 1), span(3, 4));

        Path out = render(plan, video("alice-v", TestMedia.withGap("red", 1, 2, 1), 0));

        assertThat(colourAt(out, 0.5, 80, 60)).is(near(Rgb.RED));
        assertThat(colourAt(out, 1.5, 80, 60)).is(near(Rgb.RED));
        assertThat(MediaFacts.of(out).durationSeconds()).isCloseTo(2.0, within(0.1));
    }

    /** The plan expects alice for 3 s, but her file ends after 1 s: her cell goes black, never freezes. */
    @Test
    void sourceWhoseFileEndsEarly_leavesBlackInItsCell() throws Exception {
        List<VideoTrack> video = List.of(
                VideoTrack.continuous("alice-v", "alice", span(0, 3), 160, 120),
                VideoTrack.continuous("bob-v", "bob", span(0, 3), 160, 120));

        Path out = render(plan(320, 120, video, List.of(), wholeCanvas(320, 120)),
                video("alice-v", TestMedia.videoOnly("blue", 1), 0),
                video("bob-v", TestMedia.videoOnly("red", 3), 0));

        assertThat(colourAt(out, 0.5, 80, 60)).is(near(Rgb.BLUE));
        assertThat(colourAt(out, 2.0, 80, 60)).is(near(Rgb.BLACK));
        assertThat(colourAt(out, 2.0, 240, 60)).is(near(Rgb.RED));
    }

    /**
     * <pre>
     *  0    1    2    3    4
     *  |==============|          alice: red, 440 Hz
     *            |=========|     bob joins at 2: blue, 1000 Hz
     * </pre>
     */
    @Test
    void lateJoiner_isSeenAndHeardFromTheSameInstant() throws Exception {
        List<VideoTrack> video = List.of(
                VideoTrack.continuous("alice-v", "alice", span(0, 3), 160, 120),
                VideoTrack.continuous("bob-v", "bob", span(2, 4), 160, 120));
        List<AudioTrack> audio = List.of(
                new AudioTrack("alice-a", "alice", span(0, 3)),
                new AudioTrack("bob-a", "bob", span(2, 4)));
        Path alice = write("alice.webm", TestMedia.webm("red", 440, 3));
        Path bob = write("bob.webm", TestMedia.webm("blue", 1000, 2));

        Path out = render(plan(320, 120, video, audio, wholeCanvas(320, 120)),
                new RenderSource("alice-v", alice, 0, MediaKind.VIDEO, 0),
                new RenderSource("alice-a", alice, 1, MediaKind.AUDIO, 0),
                new RenderSource("bob-v", bob, 0, MediaKind.VIDEO, 2_000),
                new RenderSource("bob-a", bob, 1, MediaKind.AUDIO, 2_000));

        List<Rgb> bobsCell = Frames.coloursOverTime(out, 240, 60);
        int firstBlue = firstIndexNear(bobsCell, Rgb.BLUE);
        double seen = firstBlue * ONE_FRAME;
        double heard = AudioSpectrum.onset(out, 1.5, 2.5, 1000).orElseThrow();
        assertThat(seen).as("bob first seen").isCloseTo(2.0, within(ONE_FRAME));
        assertThat(heard).as("bob first heard").isCloseTo(seen, within(ONE_FRAME));
        assertThat(bobsCell.get(firstBlue - 1)).as("the frame before bob joins").is(near(Rgb.BLACK));
        assertThat(AudioSpectrum.absent(out, 0.5, 1.5, 1000)).as("bob silent before he joins").isTrue();
        assertThat(AudioSpectrum.present(out, 0.5, 1.5, 440)).as("alice heard from the start").isTrue();
        assertThat(AudioSpectrum.present(out, 2.3, 2.9, 440)).as("alice still heard").isTrue();
        assertThat(AudioSpectrum.present(out, 2.3, 2.9, 1000)).as("bob heard with her").isTrue();
        List<Rgb> alicesCell = Frames.coloursOverTime(out, 80, 60);
        assertThat(alicesCell.get(89)).as("alice's last frame, at 2.967 s").is(near(Rgb.RED));
        assertThat(alicesCell.get(90)).as("alice's cell after she left at 3 s").is(near(Rgb.BLACK));
        assertThat(bobsCell.get(119)).as("bob's last frame, at 3.967 s").is(near(Rgb.BLUE));
    }

    /**
     * Alice's stream switches from 160x120 red to 320x240 green at 1.5 s; Bob's blue runs beside it.
     * The graph must keep going: rebuilding it would restart the canvas and the overlays, which shows
     * as black frames at the switch and dropped frames after it.
     */
    @Test
    void resolutionChangeInsideARecording_composesCompletely() throws Exception {
        Path alice = write("alice.webm", TestMedia.resolutionChange("red", "green", 1.5));
        List<VideoTrack> video = List.of(
                VideoTrack.continuous("alice-v", "alice", span(0, 3), 160, 120),
                VideoTrack.continuous("bob-v", "bob", span(0, 3), 160, 120));

        Path out = render(plan(320, 120, video, List.of(), wholeCanvas(320, 120)),
                new RenderSource("alice-v", alice, 0, MediaKind.VIDEO, 0),
                video("bob-v", TestMedia.videoOnly("blue", 3), 0));

        List<Rgb> alicesCell = Frames.coloursOverTime(out, 80, 60);
        int firstGreen = firstIndexNear(alicesCell, Rgb.GREEN);
        assertThat(firstGreen * ONE_FRAME).as("alice's switch").isCloseTo(1.5, within(ONE_FRAME));
        assertThat(alicesCell.subList(0, firstGreen)).as("alice before the switch").allMatch(c -> c.isNear(Rgb.RED));
        assertThat(alicesCell.subList(firstGreen, alicesCell.size())).as("alice after the switch")
                .allMatch(c -> c.isNear(Rgb.GREEN));
        assertThat(Frames.coloursOverTime(out, 240, 60)).as("bob throughout").allMatch(c -> c.isNear(Rgb.BLUE));
        MediaFacts facts = MediaFacts.of(out);
        assertThat(facts.durationSeconds()).isCloseTo(3.0, within(0.1));
        assertThat(facts.videoFrames()).isEqualTo(90);
    }

    @Test
    void participantWithOnlyAudio_isHeardInTheMix() throws Exception {
        List<VideoTrack> video = List.of(VideoTrack.continuous("alice-v", "alice", span(0, 2), 160, 120));
        List<AudioTrack> audio = List.of(
                new AudioTrack("alice-a", "alice", span(0, 2)),
                new AudioTrack("bob-a", "bob", span(0, 2)));
        Path alice = write("alice.webm", TestMedia.webm("red", 440, 2));

        Path out = render(plan(160, 120, video, audio, wholeCanvas(160, 120)),
                new RenderSource("alice-v", alice, 0, MediaKind.VIDEO, 0),
                new RenderSource("alice-a", alice, 1, MediaKind.AUDIO, 0),
                new RenderSource("bob-a", write("bob.webm", TestMedia.audioOnly(1000, 2)), 0, MediaKind.AUDIO, 0));

        assertThat(AudioSpectrum.present(out, 0.5, 1.5, 440)).as("alice").isTrue();
        assertThat(AudioSpectrum.present(out, 0.5, 1.5, 1000)).as("bob, who has no camera").isTrue();
        assertThat(colourAt(out, 1.0, 80, 60)).is(near(Rgb.RED));
    }

    @Test
    void pictureInPicture_isDrawnAboveTheFullFrameRegion() throws Exception {
        List<VideoTrack> video = List.of(
                VideoTrack.continuous("alice-v", "alice", span(0, 2), 160, 120),
                VideoTrack.continuous("bob-v", "bob", span(0, 2), 160, 120));
        CompositionPlan plan = plan(320, 240, video, List.of(),
                RegionSpec.builder("main", 0, 0, 320, 240).videoSources("alice").build(),
                RegionSpec.builder("pip", 200, 140, 80, 60).z(1).videoSources("bob").build());

        Path out = render(plan,
                video("alice-v", TestMedia.videoOnly("red", 2), 0),
                video("bob-v", TestMedia.videoOnly("blue", 2), 0));

        assertThat(colourAt(out, 1.0, 240, 170)).as("inside the pip").is(near(Rgb.BLUE));
        assertThat(colourAt(out, 1.0, 100, 100)).as("main, away from the pip").is(near(Rgb.RED));
        assertThat(colourAt(out, 1.0, 190, 130)).as("main, just outside the pip's corner").is(near(Rgb.RED));
        assertThat(colourAt(out, 1.0, 290, 210)).as("main, just outside the pip's far corner").is(near(Rgb.RED));
    }

    private Path render(CompositionPlan plan, RenderSource... sources) throws RenderException, InterruptedException {
        return renderer.render(plan, List.of(sources), dir.resolve("work"), dir.resolve("composition.mp4"),
                percent -> true).output();
    }

    private RenderSource video(String recordingId, byte[] media, long sessionStartMillis) throws IOException {
        return new RenderSource(recordingId, write(recordingId + ".webm", media), 0, MediaKind.VIDEO, sessionStartMillis);
    }

    private Path write(String name, byte[] media) throws IOException {
        Path file = dir.resolve("media").resolve(name);
        Files.createDirectories(file.getParent());
        return Files.write(file, media);
    }

    private static CompositionPlan plan(int width, int height, List<VideoTrack> video, List<AudioTrack> audio,
            RegionSpec... regions) {
        return LayoutPlanner.plan(video, audio,
                new LayoutRequest(new Resolution(width, height), List.of(regions), AudioSelection.ALL, false));
    }

    private static RegionSpec wholeCanvas(int width, int height) {
        return RegionSpec.builder("main", 0, 0, width, height).videoSources("*").build();
    }

    private static List<TimeSpan> probedActivity(Path file) throws Exception {
        MediaProbe probe = new MediaProbe(new FfmpegBinaries(MediaSettings.bundled(Duration.ZERO)), JsonMapper.builder().build());
        return probe.probe(file).first(MediaKind.VIDEO).orElseThrow().activity();
    }

    private static int firstIndexNear(List<Rgb> colours, Rgb expected) {
        for (int i = 0; i < colours.size(); i++) {
            if (colours.get(i).isNear(expected)) {
                return i;
            }
        }
        throw new AssertionError("no frame near " + expected + " in " + colours);
    }

    private static TimeSpan span(double startSeconds, double endSeconds) {
        return new TimeSpan(Math.round(startSeconds * 1000), Math.round(endSeconds * 1000));
    }
}
