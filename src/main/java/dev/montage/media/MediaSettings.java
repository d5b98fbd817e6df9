package dev.montage.media;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code montage.media.*} settings: which ffmpeg and ffprobe run, and what a failed render leaves behind.
 *
 * @param ffmpegPath        an ffmpeg to run instead of the bundled build (its ffprobe is taken from its folder,
 *                          unless {@code ffprobe-path} is set)
 * @param ffprobePath       an ffprobe to run instead of the one next to {@code ffmpeg-path}, or the bundled one
 * @param keepFailedScripts how long the filter script of a failed render is kept under
 *                          {@code <data-dir>/failed-renders}, next to the WARN line with its command line; 0 keeps
 *                          none
 */
@ConfigurationProperties("montage.media")
public record MediaSettings(String ffmpegPath, String ffprobePath,
        @DefaultValue("24h") Duration keepFailedScripts) {

    public MediaSettings {
        // blank is unset: the bundled build
        ffmpegPath = ffmpegPath == null ? "" : ffmpegPath;
        ffprobePath = ffprobePath == null ? "" : ffprobePath;
        if (keepFailedScripts.isNegative()) {
            throw new IllegalArgumentException(
                    "montage.media.keep-failed-scripts must not be negative, not " + keepFailedScripts);
        }
    }

    /** The bundled ffmpeg and ffprobe, failed scripts kept for {@code keepFailedScripts}. */
    public static MediaSettings bundled(Duration keepFailedScripts) {
        return new MediaSettings("", "", keepFailedScripts);
    }
}
