package dev.montage.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.montage.layout.AudioSelection;
import dev.montage.layout.AudioTrack;
import dev.montage.layout.CompositionPlan;
import dev.montage.layout.LayoutPlanner;
import dev.montage.layout.LayoutRequest;
import dev.montage.layout.RegionSpec;
import dev.montage.layout.Resolution;
import dev.montage.layout.TimeSpan;
import dev.montage.layout.VideoTrack;
import dev.montage.support.TestMedia;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a render leaves behind and how it ends: progress, cancellation, interruption and failure.
 * Whatever the outcome, no filter script stays in the work folder, no partial file stays at the
 * output, and no ffmpeg process outlives the call.
 */
class RenderLifecycleTest {

    /** Rendering an hour takes far longer than any of these tests may: finishing in time proves ffmpeg was stopped. */
    private static final Duration STOPPED_WITHIN = Duration.ofSeconds(FfmpegProcess.STOP_GRACE_SECONDS + 3);

    private final CompositionRenderer renderer = new CompositionRenderer(new FfmpegBinaries(MediaSettings.bundled(Duration.ZERO)));

    @TempDir
    Path dir;

    @Test
    void progressOnlyGrows_andEndsWith100() throws Exception {
        List<Integer> reported = new ArrayList<>();

        RenderResult result = renderer.render(plan(2_000), sources(), workDir(), output(), percent -> reported.add(percent));

        assertThat(reported).isNotEmpty().isSorted().doesNotHaveDuplicates().endsWith(100);
        assertThat(result.output()).isEqualTo(output()).isRegularFile();
        assertThat(result.sizeBytes()).isEqualTo(Files.size(output()));
        assertThat(result.commandLine()).contains("-filter_complex_script");
        assertThat(filesIn(workDir())).isEmpty();
    }

    /** With sound, the pictures and the sound are two ffmpeg runs at once: both must stop. */
    @ParameterizedTest(name = "with sound: {0}")
    @ValueSource(booleans = {false, true})
    void listenerSayingNo_stopsFfmpegAtOnce_andLeavesNothingBehind(boolean withSound) throws Exception {
        long started = System.nanoTime();

        assertThatThrownBy(() -> renderer.render(anHour(withSound), sources(withSound), workDir(), output(),
                percent -> false))
                .isInstanceOf(RenderCancelledException.class)
                .hasMessageStartingWith("the render was cancelled at ");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(STOPPED_WITHIN);
        assertNothingLeft();
    }

    @Test
    void listenerThatThrows_cancelsTheRender_withItsExceptionAsTheCause() throws Exception {
        IllegalStateException broken = new IllegalStateException("database is down");

        assertThatThrownBy(() -> renderer.render(anHour(), sources(), workDir(), output(), percent -> {
            throw broken;
        }))
                .isInstanceOf(RenderCancelledException.class)
                .hasMessageContaining("database is down")
                .hasCause(broken);

        assertNothingLeft();
    }

    @ParameterizedTest(name = "with sound: {0}")
    @ValueSource(booleans = {false, true})
    void interruptingTheRenderingThread_stopsFfmpeg_andThrowsInterruptedException(boolean withSound) throws Exception {
        long started = System.nanoTime();

        assertThatThrownBy(() -> renderer.render(anHour(withSound), sources(withSound), workDir(), output(), percent -> {
            Thread.currentThread().interrupt();
            return true;
        })).isInstanceOf(InterruptedException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(STOPPED_WITHIN);
        assertNothingLeft();
    }

    @Test
    void ffmpegFailing_givesItsReasonInTheMessage_andKeepsTheCommandStderrAndScript() throws Exception {
        Path missing = dir.resolve("media").resolve("missing.webm");
        List<RenderSource> sources = List.of(new RenderSource("alice-v", missing, 0, MediaKind.VIDEO, 0));

        assertThatThrownBy(() -> renderer.render(plan(2_000), sources, workDir(), output(), percent -> true))
                .isInstanceOfSatisfying(RenderException.class, failure -> {
                    assertThat(failure.getMessage())
                            .startsWith("ffmpeg failed with exit code ")
                            .contains(missing.toString())
                            .contains("No such file or directory");
                    assertThat(failure.commandLine()).contains(missing.toString());
                    assertThat(failure.stderrTail()).contains("No such file or directory");
                    // the evidence stays for the caller to keep or remove: the script ffmpeg ran with
                    assertThat(failure.filterScript()).hasValueSatisfying(script -> assertThat(script).exists());
                    deleteScript(failure.filterScript().get());
                });

        assertNothingLeft();
    }

    @Test
    void withSound_progressOnlyGrows_endsWith100_andTheFileHasBoth() throws Exception {
        List<Integer> reported = new ArrayList<>();

        RenderResult result = renderer.render(planWithSound(2_000), sourcesWithSound(), workDir(), output(),
                percent -> reported.add(percent));

        assertThat(reported).isNotEmpty().isSorted().doesNotHaveDuplicates().endsWith(100);
        assertThat(result.sizeBytes()).isEqualTo(Files.size(output()));
        assertThat(result.commandLine()).as("the last run copies the pictures and the sound into the file")
                .contains("-c", "copy");
        MediaProbe probe = new MediaProbe(new FfmpegBinaries(MediaSettings.bundled(Duration.ZERO)),
                JsonMapper.builder().build());
        assertThat(probe.probe(output()).streams()).extracting(StreamInfo::kind)
                .containsExactlyInAnyOrder(MediaKind.VIDEO, MediaKind.AUDIO);
        assertThat(filesIn(workDir())).isEmpty();
    }

    @Test
    void soundFailing_stopsThePictures_andGivesTheSoundsReason() throws Exception {
        Path missing = dir.resolve("media").resolve("missing-sound.webm");
        List<RenderSource> sources = List.of(sources().get(0),
                new RenderSource("alice-a", missing, 0, MediaKind.AUDIO, 0));
        long started = System.nanoTime();

        assertThatThrownBy(() -> renderer.render(anHour(true), sources, workDir(), output(), percent -> true))
                .isInstanceOfSatisfying(RenderException.class, failure -> {
                    assertThat(failure).isNotInstanceOf(RenderCancelledException.class);
                    assertThat(failure.getMessage()).contains(missing.toString()).contains("No such file or directory");
                    failure.filterScript().ifPresent(RenderLifecycleTest::deleteScript);
                });

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("an hour of pictures was not rendered")
                .isLessThan(STOPPED_WITHIN);
        assertNothingLeft();
    }

    private static void deleteScript(Path script) {
        try {
            Files.delete(script);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void assertNothingLeft() throws IOException {
        assertThat(filesIn(workDir())).as("files left in the work folder").isEmpty();
        assertThat(output()).as("partial output").doesNotExist();
        assertThat(ProcessHandle.current().children()
                .filter(child -> child.info().command().orElse("").endsWith("ffmpeg")))
                .as("ffmpeg processes still running").isEmpty();
    }

    private List<RenderSource> sources() throws IOException {
        Path alice = dir.resolve("media").resolve("alice.webm");
        Files.createDirectories(alice.getParent());
        Files.write(alice, TestMedia.videoOnly("red", 1));
        return List.of(new RenderSource("alice-v", alice, 0, MediaKind.VIDEO, 0));
    }

    private List<RenderSource> sourcesWithSound() throws IOException {
        Path tone = dir.resolve("media").resolve("alice-tone.webm");
        Files.createDirectories(tone.getParent());
        Files.write(tone, TestMedia.audioOnly(440, 1));
        return List.of(sources().get(0), new RenderSource("alice-a", tone, 0, MediaKind.AUDIO, 0));
    }

    private List<RenderSource> sources(boolean withSound) throws IOException {
        return withSound ? sourcesWithSound() : sources();
    }

    private static CompositionPlan anHour(boolean withSound) {
        return withSound ? planWithSound(3_600_000) : anHour();
    }

    private static CompositionPlan planWithSound(long durationMillis) {
        return LayoutPlanner.plan(
                List.of(VideoTrack.continuous("alice-v", "alice", new TimeSpan(0, durationMillis), 160, 120)),
                List.of(new AudioTrack("alice-a", "alice", new TimeSpan(0, durationMillis))),
                new LayoutRequest(new Resolution(160, 120),
                        List.of(RegionSpec.builder("main", 0, 0, 160, 120).videoSources("*").build()),
                        AudioSelection.ALL, false));
    }

    /** An hour of output from a one-second clip: cheap to start, far too long to finish during a test. */
    private static CompositionPlan anHour() {
        return plan(3_600_000);
    }

    private static CompositionPlan plan(long durationMillis) {
        return LayoutPlanner.plan(
                List.of(VideoTrack.continuous("alice-v", "alice", new TimeSpan(0, durationMillis), 160, 120)), List.of(),
                new LayoutRequest(new Resolution(160, 120),
                        List.of(RegionSpec.builder("main", 0, 0, 160, 120).videoSources("*").build()),
                        AudioSelection.ALL, false));
    }

    private Path workDir() {
        return dir.resolve("work");
    }

    private Path output() {
        return dir.resolve("composition.mp4");
    }

    private static List<Path> filesIn(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }
}
