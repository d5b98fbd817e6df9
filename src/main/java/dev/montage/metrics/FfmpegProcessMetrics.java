package dev.montage.metrics;

import java.nio.file.Path;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.montage.media.FfmpegBinaries;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@code montage.ffmpeg.processes} (gauge, tag {@code tool}: ffmpeg, ffprobe): the media processes this node has
 * running, counted among its child processes at scrape time. Counting the processes themselves, not the renders
 * that think they run one, also shows one that outlived its job.
 */
@Component
class FfmpegProcessMetrics implements MeterBinder {

    private final FfmpegBinaries binaries;

    FfmpegProcessMetrics(FfmpegBinaries binaries) {
        this.binaries = binaries;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("montage.ffmpeg.processes", () -> running("ffmpeg", binaries.ffmpeg()))
                .description("ffmpeg processes this node is running (renders)")
                .tag("tool", "ffmpeg")
                .register(registry);
        Gauge.builder("montage.ffmpeg.processes", () -> running("ffprobe", binaries.ffprobe()))
                .description("ffprobe processes this node is running (uploads)")
                .tag("tool", "ffprobe")
                .register(registry);
    }

    /**
     * Descendants whose executable is named like the tool: its usual name, or that of the configured file. A
     * wrapper script (or setpriv, which the renders start through) execs the tool, so the process is the tool's.
     */
    private static long running(String name, Path configured) {
        String configuredName = configured.getFileName().toString();
        return ProcessHandle.current().descendants()
                .map(process -> process.info().command())
                .flatMap(Optional::stream)
                .map(command -> Path.of(command).getFileName().toString())
                .filter(executable -> executable.equals(name) || executable.equals(configuredName))
                .count();
    }
}
