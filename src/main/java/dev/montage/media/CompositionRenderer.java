package dev.montage.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.montage.layout.CompositionPlan;
import dev.montage.layout.Rect;
import dev.montage.layout.TimeSpan;
import dev.montage.layout.TimeSpans;

/**
 * Renders a {@link CompositionPlan} into an MP4 (or WebM) file with one ffmpeg process (DESIGN.md §4 step 4).
 *
 * <p>{@link #render} writes the filter script into the work folder, runs ffmpeg, reports progress,
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
        Path script = createScript(workDir);
        List<LabelOverlay> labels = new ArrayList<>();
        boolean complete = false;
        boolean scriptKept = false;
        try {
            labels.addAll(paintLabels(plan, look, workDir));
            FfmpegCommand command = FilterGraphBuilder.build(plan, sources, look.background(), labels, encoding, script, output);
            List<String> commandLine = command.commandLine(binaries.ffmpeg());
            writeScript(script, command, commandLine);
            RenderResult result = run(commandLine, plan.durationMillis(), output, listener);
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
        try {
            return Files.createTempFile(Files.createDirectories(workDir), "filtergraph-", ".txt");
        } catch (IOException e) {
            // the client reads the message as the failure reason: the cause, logged for the operator, names the folder
            throw new RenderException("the filter script could not be created: " + reason(e), List.of(), "", e);
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
