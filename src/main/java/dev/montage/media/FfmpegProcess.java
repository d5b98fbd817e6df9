package dev.montage.media;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One running ffmpeg with {@code -progress pipe:1}: its output pipes are drained on their own
 * threads (a full pipe would block ffmpeg), its progress reaches the listener on the thread that
 * waits for it, and it is stopped when the listener says no or that thread is interrupted.
 *
 * <p>Stopping is polite first: ffmpeg ends on SIGTERM within moments. Only a process still running
 * after {@value #STOP_GRACE_SECONDS} s is killed.
 */
final class FfmpegProcess {

    static final int STOP_GRACE_SECONDS = 2;

    private static final int STDERR_TAIL_CHARS = 4096;

    /** How many lines of stderr make a failure reason: ffmpeg says what went wrong in its last few. */
    private static final int REASON_LINES = 3;

    private final List<String> commandLine;
    private final Process process;
    private final FfmpegProgress progress;
    /**
     * What the progress reader hands the waiting thread: a percentage, or (empty) that ffmpeg closed its progress
     * output, which it does when it exits. The waiting thread blocks on it, so it wakes only when there is news.
     */
    private final BlockingQueue<OptionalInt> progressEvents = new LinkedBlockingQueue<>();
    private final StderrTail stderr = new StderrTail(STDERR_TAIL_CHARS);
    private final Thread progressReader;
    private final Thread stderrReader;

    private FfmpegProcess(List<String> commandLine, Process process, long durationMillis) {
        this.commandLine = List.copyOf(commandLine);
        this.process = process;
        this.progress = new FfmpegProgress(durationMillis);
        this.progressReader = drain(process.getInputStream(), "ffmpeg-progress",
                line -> progress.accept(line).ifPresent(percent -> progressEvents.add(OptionalInt.of(percent))),
                () -> progressEvents.add(OptionalInt.empty()));
        this.stderrReader = drain(process.getErrorStream(), "ffmpeg-stderr", stderr::append, () -> {
        });
    }

    /** Starts ffmpeg; {@code durationMillis} is the output's planned length, the 100% of its progress. */
    static FfmpegProcess start(List<String> commandLine, long durationMillis) throws RenderException {
        try {
            // dies with the JVM: a killed node leaves no render running (the command line in errors stays ffmpeg's)
            Process process = new ProcessBuilder(ParentDeathSignal.guard(commandLine)).start();
            process.getOutputStream().close(); // -nostdin already; a closed pipe makes sure it never waits on us
            return new FfmpegProcess(commandLine, process, durationMillis);
        } catch (IOException e) {
            throw new RenderException("ffmpeg could not be started: " + e.getMessage(), commandLine, "", e);
        }
    }

    /**
     * Reports progress to {@code listener} until ffmpeg exits, and returns when it exited successfully.
     *
     * @throws RenderCancelledException when the listener said no or threw; ffmpeg is stopped
     * @throws RenderException when ffmpeg exited with an error; the message gives its reason
     * @throws InterruptedException when the waiting thread was interrupted; ffmpeg is stopped
     */
    void awaitSuccess(ProgressListener listener) throws RenderException, InterruptedException {
        try {
            for (OptionalInt event = progressEvents.take(); event.isPresent(); event = progressEvents.take()) {
                report(listener, event.getAsInt());
            }
            int exitCode = process.waitFor();
            stderrReader.join(TimeUnit.SECONDS.toMillis(STOP_GRACE_SECONDS));
            if (exitCode != 0) {
                List<String> lines = stderr.lastMeaningfulLines(REASON_LINES);
                throw failure("ffmpeg failed with exit code " + exitCode
                        + (lines.isEmpty() ? " and no message" : ": " + String.join(" / ", lines)), null);
            }
        } catch (InterruptedException e) {
            stop();
            throw e;
        }
    }

    /** Reports 100% unless the last progress block already did: for once the output is known to be complete. */
    void reportCompletion(ProgressListener listener) throws RenderCancelledException {
        OptionalInt done = progress.finish();
        if (done.isPresent()) {
            report(listener, done.getAsInt());
        }
    }

    /** A failure of this run, carrying its command line and stderr tail. */
    RenderException failure(String reason, Throwable cause) {
        return new RenderException(reason, commandLine, stderr.text(), cause);
    }

    String stderrTail() {
        return stderr.text();
    }

    private void report(ProgressListener listener, int percent) throws RenderCancelledException {
        RuntimeException listenerFailure = null;
        boolean goOn;
        try {
            goOn = listener.onProgress(percent);
        } catch (RuntimeException e) {
            listenerFailure = e;
            goOn = false;
        }
        if (!goOn) {
            stop();
            String reason = "the render was cancelled at " + percent + "%"
                    + (listenerFailure == null ? "" : " because the progress listener failed: " + listenerFailure);
            throw new RenderCancelledException(reason, commandLine, stderr.text(), listenerFailure);
        }
    }

    private void stop() {
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

    /** Reads {@code stream} line by line on a thread of its own, and runs {@code atEnd} when it ends, however. */
    private static Thread drain(InputStream stream, String name, Consumer<String> lines, Runnable atEnd) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.accept(line);
                }
            } catch (IOException e) {
                // the process is gone and took its pipe with it; there is nothing left to read
            } finally {
                atEnd.run();
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
