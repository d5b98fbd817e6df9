package dev.montage.recordings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The {@code montage.recordings.*} settings.
 *
 * @param maxUploadSize  the largest recording upload; the servlet container's multipart limits follow it
 *                       (application.properties)
 * @param speechAnalysis whether each audio upload gets a speech-activity timeline, made by a background job on a
 *                       worker node after the upload; {@code false} stores audio without one (an active-speaker
 *                       region then sees nobody speak), for a benchmark's baseline or a node short of CPU
 * @param speechThreads  speech analyses one worker node runs at once, each one ffmpeg on one core at low priority
 */
@ConfigurationProperties("montage.recordings")
record RecordingSettings(@DefaultValue("2GB") DataSize maxUploadSize, @DefaultValue("true") boolean speechAnalysis,
        @DefaultValue("1") int speechThreads) {

    RecordingSettings {
        if (speechThreads < 1) {
            throw new IllegalArgumentException(
                    "montage.recordings.speech-threads must be at least 1, not " + speechThreads);
        }
    }
}
