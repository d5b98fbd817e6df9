package dev.montage.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.BooleanSupplier;
import java.util.function.IntUnaryOperator;

import javax.imageio.ImageIO;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

import dev.montage.layout.CompositionPlan;
import dev.montage.layout.Rect;
import dev.montage.layout.TimeSpan;
import dev.montage.layout.TimeSpans;

/**
 * Renders a {@link CompositionPlan} into an MP4 (or WebM) file with ffmpeg (DESIGN.md §4 step 4).
 *
 * <p>{@link #render} writes the filter script into the work folder, runs ffmpeg (for a composition with sound: one
 * run for the pictures and one for the sound at once, then a copy of both into the file), reports progress,
 * and returns when the file is complete. The script is removed, unless ffmpeg ran with it and failed: then the
 * {@link RenderException} names it ({@link RenderException#filterScript()}) and the caller decides. The output is
 * removed unless the render succeeded. Cancelling (the listener says no) and interrupting the
 * calling thread both stop ffmpeg: politely first, by force after
 * {@value FfmpegProcess#STOP_GRACE_SECONDS} s.
 *
 * <pre>{@code
 * RenderResult result = renderer.render(plan, sources, workDir, workDir.resolve("composition.mp4"),
 *         percent -> { progress.set(percent); return !cancelled.get(); });
 * }</pre>
 */
@Component
public final class CompositionRenderer {

    private static final Logger log = LoggerFactory.getLogger(CompositionRenderer.class);

    private static final Duration PROBE_TIMEOUT = Duration.ofMinutes(1);

    private final FfmpegBinaries binaries;

    CompositionRenderer(FfmpegBinaries binaries) {
        this.binaries = binaries;
    }

    /**
     * Renders {@code plan} from {@code sources} into {@code output} (overwriting it), using
     * {@code workDir} for the filter script. {@code listener} is called on this thread.
     *
     * @throws RenderCancelledException when {@code listener} returned false or threw
     * @throws RenderException when ffmpeg could not be started or failed; the message says why
     * @throws InterruptedException when this thread was interrupted; ffmpeg is stopped first
     * @throws IllegalArgumentException when the plan and the sources do not match (see {@link FilterGraphBuilder#build})
     */
    public RenderResult render(CompositionPlan plan, List<RenderSource> sources, Path workDir, Path output,
            ProgressListener listener) throws RenderException, InterruptedException {
        return render(plan, sources, Look.PLAIN, workDir, output, listener);
    }

    /**
     * As {@link #render(CompositionPlan, List, Path, Path, ProgressListener)}, with the {@code look}'s background
     * colour and name labels. Each label is painted into an image in {@code workDir} ({@link NameLabelPainter}),
     * removed when the render is over.
     */
    public RenderResult render(CompositionPlan plan, List<RenderSource> sources, Look look, Path workDir, Path output,
            ProgressListener listener) throws RenderException, InterruptedException {
        return render(plan, sources, look, OutputFormat.MP4, workDir, output, listener);
    }

    /**
     * As {@link #render(CompositionPlan, List, Look, Path, Path, ProgressListener)}, encoding {@code output} in
     * {@code format} (MP4: H.264 and AAC; WebM: VP8 and Opus).
     */
    public RenderResult render(CompositionPlan plan, List<RenderSource> sources, Look look, OutputFormat format,
            Path workDir, Path output, ProgressListener listener) throws RenderException, InterruptedException {
        return render(plan, sources, look, Encoding.beforeLevels(format), workDir, output, listener);
    }

    /**
     * As {@link #render(CompositionPlan, List, Look, OutputFormat, Path, Path, ProgressListener)}, encoding
     * {@code output} as {@code encoding} says: format, encoder point (the composition's quality) and frame rate.
     */
    public RenderResult render(CompositionPlan plan, List<RenderSource> sources, Look look, Encoding encoding,
            Path workDir, Path output, ProgressListener listener) throws RenderException, InterruptedException {
        if (!plan.audio().isEmpty()) {
            return renderVideoBesideAudio(plan, sources, look, encoding, workDir, output, listener);
        }
        return render(plan, look, workDir, output, plan.durationMillis(), listener, (labels, script) ->
                FilterGraphBuilder.build(plan, sources, look.background(), labels, encoding, script, output));
    }

    /**
     * The whole composition as two ffmpeg runs at once, the pictures in one and the sound in the other, then muxed
     * without re-encoding (the one-part case of a segmented render, with its seam-free equality to the single pass).
     * ffmpeg runs all filtering, the audio decoders and the audio encoder on one thread, which bounds the wall time
     * when the video encoder is cheap (the default {@code standard} point): moving the sound to a process of its own
     * takes it off that thread (bench/RESULTS.md, "The overhead, third pass"). Progress follows the pictures up to 98 %,
     * 99 % while the two are muxed. A failure or cancellation of either stops the other.
     */
    private RenderResult renderVideoBesideAudio(CompositionPlan plan, List<RenderSource> sources, Look look,
            Encoding encoding, Path workDir, Path output, ProgressListener listener)
            throws RenderException, InterruptedException {
        String extension = "." + encoding.format().extension();
        Path video = createTempFile(workDir, "video-", extension);
        Path audio = createTempFile(workDir, "audio-", extension);
        Map<String, String> logContext = MDC.getCopyOfContextMap(); // the composition's id on the sound's log lines
        FutureTask<RenderResult> sound = new FutureTask<>(() -> {
            if (logContext != null) {
                MDC.setContextMap(logContext);
            }
            return renderAudio(plan, sources, encoding.format(), workDir, audio, percent -> true);
        });
        Thread soundThread = new Thread(sound, "ffmpeg-audio-" + Thread.currentThread().getName());
        soundThread.setDaemon(true);
        soundThread.start();
        try {
            try {
                // a failed sound stops the pictures at their next progress report
                renderVideoPart(plan, sources, look, encoding, new OutputWindow(0, plan.durationMillis()), workDir,
                        video, rising(listener, percent -> percent * 98 / 100, () -> !failed(sound)));
            } catch (RenderCancelledException e) {
                if (failed(sound)) {
                    awaitSound(sound); // its failure, not the cancellation it caused
                }
                throw e;
            }
            awaitSound(sound);
            return mux(List.of(video), audio, encoding.format(), workDir, output,
                    OptionalLong.of(plan.durationMillis()),
                    rising(listener, percent -> percent == 100 ? 100 : 99, () -> true));
        } finally {
            sound.cancel(true); // stops its ffmpeg when the pictures failed or were cancelled first
            joinUninterruptibly(soundThread);
            deleteQuietly(video);
            deleteQuietly(audio);
        }
    }

    /**
     * {@code listener} hearing {@code scale}d percentages, each once and only when it grew (as the listener's contract
     * says), and told to stop as soon as {@code goOn} says so.
     */
    private static ProgressListener rising(ProgressListener listener, IntUnaryOperator scale, BooleanSupplier goOn) {
        int[] last = {-1};
        return percent -> {
            if (!goOn.getAsBoolean()) {
                return false;
            }
            int scaled = scale.applyAsInt(percent);
            if (scaled <= last[0]) {
                return true;
            }
            last[0] = scaled;
            return listener.onProgress(scaled);
        };
    }

    /** True when the task ended with an exception (not when it is running, succeeded or was cancelled). */
    private static boolean failed(FutureTask<?> task) {
        if (!task.isDone() || task.isCancelled()) {
            return false;
        }
        try {
            task.get();
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void awaitSound(FutureTask<RenderResult> sound) throws RenderException, InterruptedException {
        try {
            sound.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RenderException failure) {
                throw failure;
            }
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Waits for the sound's thread even when this one is interrupted (its ffmpeg stops within its grace period), so
     * that no ffmpeg outlives the render or writes into a file being removed; the interrupt is kept.
     */
    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The video of {@code plan}'s output within {@code window} only (no audio track), encoded as {@code encoding}'s
     * video codec (at its encoder point and frame rate) in its container, its own timestamps starting at 0; labels
     * and colour as {@link #render} draws them. One part of a segmented render: the parts of the windows of
     * {@link OutputWindow#split}, {@link #join joined}, show every frame the single pass shows, at its instant.
     *
     * <p>Its cost follows the window's length: each recording is read from shortly before the window (see
     * {@link FilterGraphBuilder#buildVideoPart}), never from the start of a long session. Progress counts the window.
     *
     * @throws IllegalArgumentException when the window reaches beyond the output's end, or as {@link #render}
     */
    public RenderResult renderVideoPart(CompositionPlan plan, List<RenderSource> sources, Look look, Encoding encoding,
            OutputWindow window, Path workDir, Path output, ProgressListener listener)
            throws RenderException, InterruptedException {
        return render(plan, look, workDir, output, window.durationMillis(), listener, (labels, script) ->
                FilterGraphBuilder.buildVideoPart(plan, sources, look.background(), labels, encoding, window, script,
                        output));
    }

    /**
     * The whole audio of {@code plan}'s output (no video), in one piece, encoded as {@code format}'s audio codec in
     * {@code format}'s container: the mix {@link #render} makes, sample for sample. One piece, because an audio
     * encoder cut at a seam would leave a click or a gap of its priming samples there.
     */
    public RenderResult renderAudio(CompositionPlan plan, List<RenderSource> sources, OutputFormat format,
            Path workDir, Path output, ProgressListener listener) throws RenderException, InterruptedException {
        return render(plan, Look.PLAIN, workDir, output, plan.durationMillis(), listener, (labels, script) ->
                FilterGraphBuilder.buildAudio(plan, sources, format, script, output));
    }

    /**
     * Joins the video parts (in order) and the audio into the finished composition without re-encoding: the parts'
     * packets one after another ({@code -c copy}), the audio beside them, in {@code format}'s container as
     * {@link #render} writes it (MP4 with its index first). A list of the parts is written in {@code workDir} and
     * removed afterwards.
     *
     * @throws RenderException when ffmpeg failed, for example on a missing part
     */
    public RenderResult join(List<Path> videoParts, Path audio, OutputFormat format, Path workDir, Path output,
            ProgressListener listener) throws RenderException, InterruptedException {
        requireFiles(videoParts, audio);
        return mux(videoParts, audio, format, workDir, output, OptionalLong.empty(), listener);
    }

    /**
     * The join's ffmpeg run. {@code lengthMillis}, the output's length for the progress, is read from the audio's
     * file when it is not known.
     */
    private RenderResult mux(List<Path> videoParts, Path audio, OutputFormat format, Path workDir, Path output,
            OptionalLong lengthMillis, ProgressListener listener) throws RenderException, InterruptedException {
        Path list = createTempFile(workDir, "parts-", ".txt");
        boolean complete = false;
        try {
            PartJoin join = PartJoin.of(videoParts, audio, format, list, output);
            List<String> commandLine = new ArrayList<>(join.arguments().size() + 1);
            commandLine.add(binaries.ffmpeg().toString());
            commandLine.addAll(join.arguments());
            try {
                Files.writeString(list, join.concatList(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new RenderException("the list of parts could not be written: " + reason(e), commandLine, "", e);
            }
            // the audio lasts as long as the output: the 100 % of the copy's progress
            RenderResult result = run(commandLine,
                    lengthMillis.isPresent() ? lengthMillis.getAsLong() : lengthMillis(audio, commandLine), output,
                    listener);
            complete = true;
            return result;
        } finally {
            deleteQuietly(list);
            if (!complete) {
                deleteQuietly(output);
            }
        }
    }

    /**
     * Fails before ffmpeg runs when a part or the audio is missing: ffmpeg's concat demuxer would blame its list file.
     * The message names files by their names only, never by where the server keeps them.
     */
    private static void requireFiles(List<Path> videoParts, Path audio) throws RenderException {
        for (int i = 0; i < videoParts.size(); i++) {
            if (!Files.isRegularFile(videoParts.get(i))) {
                throw new RenderException("video part " + i + " of " + videoParts.size() + " ("
                        + videoParts.get(i).getFileName() + ") is missing", List.of(), "", null);
            }
        }
        if (!Files.isRegularFile(audio)) {
            throw new RenderException("the audio (" + audio.getFileName() + ") is missing", List.of(), "", null);
        }
    }

    /** The length of a media file as its container says, by one short ffprobe run. */
    private long lengthMillis(Path media, List<String> commandLine) throws RenderException {
        StringBuilder out = new StringBuilder();
        try {
            ProcessRunner.Result result = ProcessRunner.run(List.of(binaries.ffprobe().toString(), "-v", "error",
                    "-show_entries", "format=duration", "-of", "default=noprint_wrappers=1:nokey=1", media.toString()),
                    PROBE_TIMEOUT, stdout -> {
                        try {
                            out.append(new String(stdout.readAllBytes(), StandardCharsets.UTF_8));
                        } catch (IOException e) {
                            // nothing read: the exit code below says why
                        }
                    });
            if (result.exitCode() != 0) {
                throw new RenderException("the audio to join could not be read: "
                        + String.join(" / ", result.stderr().lastMeaningfulLines(1)), commandLine, "", null);
            }
            return Math.max(1, Math.round(Double.parseDouble(out.toString().trim()) * 1000));
        } catch (IOException | NumberFormatException e) {
            throw new RenderException("the length of the audio to join could not be read: " + e.getMessage(),
                    commandLine, "", e);
        }
    }

    /** What a render runs: the command for these painted labels, reading its graph from that script. */
    @FunctionalInterface
    private interface CommandFactory {
        FfmpegCommand command(List<LabelOverlay> labels, Path script);
    }

    private RenderResult render(CompositionPlan plan, Look look, Path workDir, Path output, long durationMillis,
            ProgressListener listener, CommandFactory factory) throws RenderException, InterruptedException {
        Path script = createScript(workDir);
        List<LabelOverlay> labels = new ArrayList<>();
        boolean complete = false;
        boolean scriptKept = false;
        try {
            labels.addAll(paintLabels(plan, look, workDir));
            FfmpegCommand command = factory.command(labels, script);
            List<String> commandLine = command.commandLine(binaries.ffmpeg());
            writeScript(script, command, commandLine);
            RenderResult result = run(commandLine, durationMillis, output, listener);
            complete = true;
            return result;
        } catch (RenderException e) {
            if (e instanceof RenderCancelledException || e.commandLine().isEmpty()) {
                throw e;
            }
            scriptKept = true; // ffmpeg ran with it and failed: the evidence, for the caller to keep for a while
            throw e.withFilterScript(script);
        } finally {
            if (!scriptKept) {
                deleteQuietly(script);
            }
            labels.forEach(label -> deleteQuietly(label.image()));
            if (!complete) {
                deleteQuietly(output);
            }
        }
    }

    private static RenderResult run(List<String> commandLine, long durationMillis, Path output,
            ProgressListener listener) throws RenderException, InterruptedException {
        FfmpegProcess ffmpeg = FfmpegProcess.start(commandLine, durationMillis);
        ffmpeg.awaitSuccess(listener);
        long size;
        try {
            size = Files.size(output);
        } catch (IOException e) {
            throw ffmpeg.failure("ffmpeg finished but its file cannot be read: " + e, e);
        }
        ffmpeg.reportCompletion(listener);
        return new RenderResult(output, size, commandLine, ffmpeg.stderrTail());
    }

    /** The labels of {@code look} painted into image files, one per labelled picture large enough to hold one. */
    private static List<LabelOverlay> paintLabels(CompositionPlan plan, Look look, Path workDir) throws RenderException {
        List<LabelOverlay> overlays = new ArrayList<>();
        for (NameLabel label : NameLabel.of(plan, look)) {
            Optional<NameLabelPainter.PaintedLabel> painted = NameLabelPainter.paint(label.text(), label.frame());
            if (painted.isEmpty()) {
                continue;
            }
            Rect box = new Rect(painted.get().x(), painted.get().y(), painted.get().image().getWidth(),
                    painted.get().image().getHeight());
            List<TimeSpan> shown = TimeSpans.subtract(label.shown(), NameLabel.coveredAbove(plan, label.region(), box));
            if (shown.isEmpty()) {
                continue;
            }
            try {
                Path image = Files.createTempFile(workDir, "label-", ".png");
                // listed before it is written: a label half written is removed with the others
                overlays.add(new LabelOverlay(image, painted.get().x(), painted.get().y(), shown));
                if (!ImageIO.write(painted.get().image(), "png", image.toFile())) {
                    throw new IOException("no PNG writer");
                }
            } catch (IOException e) {
                overlays.forEach(overlay -> deleteQuietly(overlay.image()));
                // no server path in the message: it becomes the composition's failure_reason; the log has both
                log.warn("A name label could not be written to {}", workDir, e);
                throw new RenderException("a name label could not be written to the render's work folder", List.of(),
                        "", e);
            }
        }
        return overlays;
    }

    private static Path createScript(Path workDir) throws RenderException {
        return createTempFile(workDir, "filtergraph-", ".txt");
    }

    private static Path createTempFile(Path workDir, String prefix, String suffix) throws RenderException {
        try {
            return Files.createTempFile(Files.createDirectories(workDir), prefix, suffix);
        } catch (IOException e) {
            // the client reads the message as the failure reason: the cause, logged for the operator, names the folder
            String what = switch (prefix) {
                case "parts-" -> "list of parts";
                case "filtergraph-" -> "filter script";
                default -> prefix.substring(0, prefix.length() - 1) + " file";
            };
            throw new RenderException("the " + what + " could not be created: " + reason(e), List.of(), "", e);
        }
    }

    private static void writeScript(Path script, FfmpegCommand command, List<String> commandLine) throws RenderException {
        try {
            Files.writeString(script, command.filterScript(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RenderException("the filter script could not be written: " + reason(e), commandLine, "", e);
        }
    }

    /** Why a file operation failed, without the server's paths (a file system's own reason, or the kind of error). */
    static String reason(IOException e) {
        return e instanceof FileSystemException fileSystem && fileSystem.getReason() != null
                ? fileSystem.getReason() : e.getClass().getSimpleName();
    }

    /** Removes a leftover; failing to do so must not hide the render's own outcome, so it is only logged. */
    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("could not remove {}", file, e);
        }
    }
}
