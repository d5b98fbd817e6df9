package dev.montage.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a short-lived child process (ffprobe) and returns its exit code, output and the tail of its errors. */
final class ProcessRunner {

    static final int STDERR_TAIL = 4000;

    private ProcessRunner() {
    }

    record Result(int exitCode, String stdout, String stderrTail) {
    }

    static Result run(List<String> command, Duration timeout) throws IOException {
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close(); // nothing to say to it; a closed stdin keeps it from waiting for input
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        try {
            String stdout = read(process.getInputStream());
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish within " + timeout);
            }
            String err = stderr.join();
            return new Result(process.exitValue(), stdout,
                    err.length() > STDERR_TAIL ? err.substring(err.length() - STDERR_TAIL) : err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + command.get(0), e);
        } finally {
            process.destroyForcibly();
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
