package dev.montage.media;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.montage.layout.CompositionPlan;

/**
 * Renders a {@link CompositionPlan} into an MP4 file with one ffmpeg process (DESIGN.md §4 step 4).
 *
 * <p>{@link #render} writes the filter script into the work folder, runs ffmpeg, reports progress,
 * and returns when the file is complete. Whatever happens, the script is removed, and so is the
 * output unless the render succeeded. Cancelling (the listener says no) and interrupting the
 * calling thread both stop ffmpeg: first politely, so it exits within moments, then, after
 * {@value #STOP_GRACE_SECONDS} s, by force.
 *
 * <pre>{@code
 * RenderResult result = renderer.render(plan, sources, workDir, workDir.resolve("composition.mp4"),
 *         percent -> { progress.set(percent); return !cancelled.get(); });
 * }</pre>
 */
@Component
public final class CompositionRenderer {

    static final int STOP_GRACE_SECONDS = 2;

    private static final Logger log = LoggerFactory.getLogger(CompositionRenderer.class);

    /** How many lines of stderr make a failure reason: ffmpeg says what went wrong in its last few. */
    private static final int REASON_LINES = 3;

    private static final int STDERR_TAIL_CHARS = 4096;

    private final FfmpegBinaries binaries;

    CompositionRenderer(FfmpegBinaries binaries) {
        this.binaries = binaries;
    }

    /**
     * Renders {@code plan} from {@code sources} into {@code output} (overwriting it), using
     * {@code workDir} for the filter script.
     *
     * @throws RenderCancelledException when {@code listener} returned false or threw
     * @throws RenderException when ffmpeg could not be started or failed; the message says why
     * @throws InterruptedException when the calling thread was interrupted; ffmpeg is stopped first
     * @throws IllegalArgumentException when the plan and the sources do not match (see {@link FilterGraphBuilder#build})
     */
    public RenderResult render(CompositionPlan plan, List<RenderSource> sources, Path workDir, Path output,
            ProgressListener listener) throws RenderException, InterruptedException {
        Path script = createScript(workDir);
        boolean complete = false;
        try {
            FfmpegCommand command = FilterGraphBuilder.build(plan, sources, script, output);
            List<String> commandLine = command.commandLine(binaries.ffmpeg());
            writeScript(script, command, commandLine);
            RenderResult result = run(commandLine, plan.durationMillis(), output, listener);
            complete = true;
            return result;
        } finally {
            deleteQuietly(script);
            if (!complete) {
                deleteQuietly(output);
            }
        }
    }

    private RenderResult run(List<String> commandLine, long durationMillis, Path output, ProgressListener listener)
            throws RenderException, InterruptedException {
        Process process = start(commandLine);
        FfmpegProgress progress = new FfmpegProgress(durationMillis);
        BlockingQueue<Integer> percents = new LinkedBlockingQueue<>();
        StderrTail stderr = new StderrTail(STDERR_TAIL_CHARS);
        // both pipes are drained on their own threads: a full pipe would block ffmpeg
        Thread progressReader = drain(process.getInputStream(), "ffmpeg-progress",
                line -> progress.accept(line).ifPresent(percents::add));
        Thread stderrReader = drain(process.getErrorStream(), "ffmpeg-stderr", stderr::append);
        try {
            while (progressReader.isAlive() || !percents.isEmpty()) {
                Integer percent = percents.poll(100, TimeUnit.MILLISECONDS);
                if (percent != null) {
                    report(listener, percent, process, commandLine, stderr);
                }
            }
            int exitCode = process.waitFor();
            stderrReader.join(TimeUnit.SECONDS.toMillis(STOP_GRACE_SECONDS));
            if (exitCode != 0) {
                throw new RenderException(failureReason(exitCode, stderr), commandLine, stderr.text());
            }
            if (!Files.isRegularFile(output)) {
                throw new RenderException("ffmpeg finished but wrote no file at " + output, commandLine, stderr.text());
            }
            OptionalInt done = progress.finish();
            if (done.isPresent()) {
                report(listener, done.getAsInt(), process, commandLine, stderr);
            }
            return new RenderResult(output, Files.size(output), commandLine, stderr.text());
        } catch (IOException e) {
            throw new RenderException("the rendered file could not be read: " + e.getMessage(), commandLine,
                    stderr.text(), e);
        } catch (InterruptedException e) {
            stop(process);
            throw e;
        }
    }

    private static void report(ProgressListener listener, int percent, Process process, List<String> commandLine,
            StderrTail stderr) throws RenderCancelledException {
        RuntimeException failure = null;
        boolean goOn;
        try {
            goOn = listener.onProgress(percent);
        } catch (RuntimeException e) {
            failure = e;
            goOn = false;
        }
        if (!goOn) {
            stop(process);
            String reason = failure == null ? "the render was cancelled at " + percent + "%"
                    : "the render was cancelled at " + percent + "% because the progress listener failed: " + failure;
            throw new RenderCancelledException(reason, commandLine, stderr.text(), failure);
        }
    }

    /** Asks ffmpeg to stop (it finishes within moments), and kills it if it has not after the grace period. */
    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static Process start(List<String> commandLine) throws RenderException {
        try {
            Process process = new ProcessBuilder(commandLine).start();
            process.getOutputStream().close(); // -nostdin already; a closed pipe makes sure it never waits on us
            return process;
        } catch (IOException e) {
            throw new RenderException("ffmpeg could not be started: " + e.getMessage(), commandLine, "", e);
        }
    }

    private static Thread drain(InputStream stream, String name, Consumer<String> lines) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.accept(line);
                }
            } catch (IOException e) {
                // the process is gone and took its pipe with it; there is nothing left to read
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static String failureReason(int exitCode, StderrTail stderr) {
        List<String> lines = stderr.lastMeaningfulLines(REASON_LINES);
        return "ffmpeg failed with exit code " + exitCode
                + (lines.isEmpty() ? " and no message" : ": " + String.join(" / ", lines));
    }

    private static Path createScript(Path workDir) throws RenderException {
        try {
            return Files.createTempFile(Files.createDirectories(workDir), "filtergraph-", ".txt");
        } catch (IOException e) {
            throw new RenderException("the filter script could not be created in " + workDir + ": " + e.getMessage(),
                    List.of(), "", e);
        }
    }

    private static void writeScript(Path script, FfmpegCommand command, List<String> commandLine) throws RenderException {
        try {
            Files.writeString(script, command.filterScript(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RenderException("the filter script could not be written to " + script + ": " + e.getMessage(),
                    commandLine, "", e);
        }
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
