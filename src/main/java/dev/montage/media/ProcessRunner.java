package dev.montage.media;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs a short-lived child process (ffprobe), hands its standard output to the caller as a stream and keeps
 * only the tail of its errors: what the JVM holds does not grow with what the process prints.
 */
final class ProcessRunner {

    static final int STDERR_TAIL = 4000;

    private ProcessRunner() {
    }

    record Result(int exitCode, StderrTail stderr) {
    }

    /**
     * Runs {@code command} to its end while {@code stdout} reads its standard output; whatever the reader
     * leaves unread is discarded. A process still running after {@code timeout} is killed and answers an
     * IOException.
     */
    static Result run(List<String> command, Duration timeout, Consumer<InputStream> stdout) throws IOException {
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close(); // nothing to say to it; a closed stdin keeps it from waiting for input
        // kills the process at the deadline, which also ends the reads below; the flag is set before the kill,
        // so whoever sees the process end also sees why (the future itself completes only after the kill)
        AtomicBoolean timedOut = new AtomicBoolean();
        CompletableFuture<Void> deadline = CompletableFuture.runAsync(() -> {
            timedOut.set(true);
            process.destroyForcibly();
        }, CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
        StderrTail stderr = new StderrTail(STDERR_TAIL);
        CompletableFuture<Void> stderrRead = CompletableFuture.runAsync(() -> readLines(process.getErrorStream(),
                stderr::append));
        try (InputStream out = process.getInputStream()) {
            stdout.accept(out);
            discardRest(out);
            int exitCode = process.waitFor();
            stderrRead.join();
            if (timedOut.get()) {
                throw new IOException(command.get(0) + " did not finish within " + timeout);
            }
            return new Result(exitCode, stderr);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + command.get(0), e);
        } finally {
            deadline.cancel(false);
            process.destroyForcibly();
        }
    }

    /** So the process never blocks on a full pipe; a reader that closed the stream has closed the pipe. */
    private static void discardRest(InputStream out) {
        try {
            out.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // closed: the process gets a broken pipe instead of blocking
        }
    }

    private static void readLines(InputStream in, Consumer<String> lines) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.accept(line);
            }
        } catch (IOException e) {
            // the pipe breaks when the process is killed: its exit code or the deadline tells the caller
        }
    }
}
