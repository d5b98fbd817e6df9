package dev.montage.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.montage.health.LoggedHealthIndicator;

/**
 * Readiness of the media tools ({@code ffmpeg}): ffmpeg (renders) and ffprobe (uploads) each run {@code -version}
 * and exit 0. A wrong {@code montage.media.ffmpeg-path}, a file without the execute bit or a build missing a
 * library all show here, before a client's upload or composition fails on them.
 *
 * <p>A run that succeeded is trusted for {@link #TRUSTED_FOR}: starting two processes on every probe of a balancer
 * would cost more than the answer is worth once they are known to run. Meanwhile each probe still checks that the
 * files are there and executable; a failure is checked again on the next probe.
 */
@Component("ffmpegHealthIndicator")
class FfmpegHealthIndicator extends LoggedHealthIndicator {

    static final Duration TRUSTED_FOR = Duration.ofMinutes(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final FfmpegBinaries binaries;
    private final Clock clock;
    private volatile Instant lastSuccess = Instant.MIN;
    private volatile Map<String, Object> lastDetails = Map.of();

    FfmpegHealthIndicator(FfmpegBinaries binaries, Clock clock) {
        super("ffmpeg");
        this.binaries = binaries;
        this.clock = clock;
    }

    @Override
    // synchronized: concurrent probes (a public route) wait for one run of the tools instead of starting their own
    protected synchronized Optional<String> problem(Map<String, Object> details) throws IOException {
        Instant now = clock.instant();
        for (var tool : List.of(Map.entry("ffmpeg", binaries.ffmpeg()), Map.entry("ffprobe", binaries.ffprobe()))) {
            // a tool taken away or made non-executable since the last run shows at once (a bare name is looked up
            // on the PATH when run: only running it tells)
            if (tool.getValue().getNameCount() > 1 && !Files.isExecutable(tool.getValue())) {
                lastSuccess = Instant.MIN;
                return Optional.of(tool.getKey() + " (" + tool.getValue() + ") is not an executable file");
            }
        }
        if (now.isBefore(lastSuccess.plus(TRUSTED_FOR))) {
            details.putAll(lastDetails);
            return Optional.empty();
        }
        for (var tool : List.of(Map.entry("ffmpeg", binaries.ffmpeg()), Map.entry("ffprobe", binaries.ffprobe()))) {
            Optional<String> problem = runs(tool.getKey(), tool.getValue(), details);
            if (problem.isPresent()) {
                return problem;
            }
        }
        lastDetails = Map.copyOf(details);
        lastSuccess = now;
        return Optional.empty();
    }

    /** Runs {@code tool -version}; answers why it did not run, or empty with its version line in the details. */
    private static Optional<String> runs(String name, Path tool, Map<String, Object> details) throws IOException {
        String[] firstLine = {""};
        ProcessRunner.Result result;
        try {
            result = ProcessRunner.run(List.of(tool.toString(), "-version"), TIMEOUT,
                    out -> firstLine[0] = firstLine(out));
        } catch (IOException e) {
            return Optional.of(name + " (" + tool + ") cannot be run: " + e.getMessage());
        }
        if (result.exitCode() != 0) {
            return Optional.of(name + " (" + tool + ") -version exited with " + result.exitCode() + ": "
                    + String.join(" / ", result.stderr().lastMeaningfulLines(2)));
        }
        details.put(name, firstLine[0]);
        return Optional.empty();
    }

    private static String firstLine(InputStream out) {
        try {
            String text = new String(out.readNBytes(4096), StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            return end < 0 ? text.strip() : text.substring(0, end).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
