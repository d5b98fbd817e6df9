package dev.montage.media;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bytedeco.javacpp.Loader;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Paths of the ffmpeg and ffprobe executables: {@code montage.media.ffmpeg-path} (and {@code ffprobe-path})
 * when set, else the static builds bundled in the bytedeco artifact, extracted on first use.
 */
@Component
@EnableConfigurationProperties({MediaSettings.class, QualitySettings.class})
public class FfmpegBinaries {

    private final String configuredFfmpeg;
    private final String configuredFfprobe;
    private volatile Path ffmpeg;
    private volatile Path ffprobe;

    FfmpegBinaries(MediaSettings settings) {
        this.configuredFfmpeg = settings.ffmpegPath();
        this.configuredFfprobe = settings.ffprobePath();
    }

    public Path ffmpeg() {
        if (ffmpeg == null) {
            ffmpeg = configuredFfmpeg.isBlank() ? bundled(org.bytedeco.ffmpeg.ffmpeg.class) : Path.of(configuredFfmpeg);
        }
        return ffmpeg;
    }

    public Path ffprobe() {
        if (ffprobe == null) {
            ffprobe = !configuredFfprobe.isBlank() ? Path.of(configuredFfprobe)
                    : !configuredFfmpeg.isBlank() ? siblingFfprobe(Path.of(configuredFfmpeg))
                    : bundled(org.bytedeco.ffmpeg.ffprobe.class);
        }
        return ffprobe;
    }

    private static Path siblingFfprobe(Path ffmpeg) {
        Path sibling = ffmpeg.resolveSibling("ffprobe");
        return Files.isExecutable(sibling) ? sibling : Path.of("ffprobe");
    }

    private static Path bundled(Class<?> executable) {
        return Path.of(Loader.load(executable));
    }
}
