package dev.montage.recordings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

import dev.montage.layout.SpeechLevels;
import dev.montage.media.MediaProbeException;
import dev.montage.media.SpeechAnalysis;
import dev.montage.node.NodeSettings;
import dev.montage.storage.BlobStore;
import dev.montage.storage.OwnerOnlyFiles;

/**
 * Makes a pending audio recording's speech-activity timeline and stores it: what the analysis job does after an
 * upload, and what a composition does first for any recording of its session the job has not reached. Whoever
 * stores first wins; the other's result, the same levels, is dropped.
 *
 * <p>A failure never touches the recording itself. Audio that ffmpeg cannot decode, or whose media is missing
 * from storage, is recorded as {@link SpeechStatus#FAILED} with the reason, once: analysing it again would fail
 * again. Storage that cannot be read now (a bucket that does not answer) is an {@link IOException} for the
 * caller, who may try again later.
 */
@Component
class SpeechTimelines {

    private static final Logger log = LoggerFactory.getLogger(SpeechTimelines.class);

    /** How an analysis ended. */
    enum Outcome {
        /** The timeline is stored. */
        ANALYSED,
        /** The recording has no timeline, and its row says why. */
        FAILED,
        /** The recording was deleted, or its analysis decided by another run: nothing to do. */
        GONE
    }

    private final RecordingRepository recordings;
    private final SpeechAnalysis analysis;
    private final BlobStore blobs;
    private final Path scratch;

    SpeechTimelines(RecordingRepository recordings, SpeechAnalysis analysis, BlobStore blobs, NodeSettings node) {
        this.recordings = recordings;
        this.analysis = analysis;
        this.blobs = blobs;
        this.scratch = node.dataDir().resolve("tmp");
    }

    /**
     * Analyses {@code recording}'s audio stream and stores its timeline.
     *
     * @throws IOException the media could not be read from storage now, or the analysis was interrupted (the
     *                     thread's interrupt flag says which)
     */
    Outcome analyse(RoomRecording recording, SpeechAnalysis.Priority priority) throws IOException {
        Path copy = null;
        try {
            Path file;
            try {
                Optional<Path> local = blobs.localFile(recording.blobKey());
                if (local.isPresent()) {
                    file = local.get();
                } else {
                    OwnerOnlyFiles.createDirectories(scratch);
                    copy = Files.createTempDirectory(scratch, "speech-");
                    file = copy.resolve("media" + extension(recording.blobKey()));
                    blobs.fetchTo(recording.blobKey(), file);
                }
            } catch (NoSuchFileException e) {
                // deleted with its recording since the caller read the row (then this records nothing), or lost
                return failed(recording, "the recording's media is missing from storage");
            }
            return measured(recording, file, priority);
        } finally {
            if (copy != null) {
                FileSystemUtils.deleteRecursively(copy);
            }
        }
    }

    private Outcome measured(RoomRecording recording, Path file, SpeechAnalysis.Priority priority)
            throws IOException {
        SpeechLevels levels;
        try {
            levels = analysis.levels(file, recording.streamIndex(), priority);
        } catch (MediaProbeException e) {
            return failed(recording, e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            if (Thread.currentThread().isInterrupted()) { // a stopping node: not the audio's fault
                throw e instanceof UncheckedIOException unchecked ? unchecked.getCause() : (IOException) e;
            }
            // ffmpeg did not start, ran past its timeout or broke its pipe: as likely to happen again
            log.warn("Speech analysis of recording {} failed", recording.id(), e);
            return failed(recording, "the audio could not be analysed: ffmpeg did not finish within "
                    + SpeechAnalysis.TIMEOUT_MINUTES + " minutes, or could not run");
        }
        return recordings.storeSpeechLevels(recording.id(), levels) ? Outcome.ANALYSED : Outcome.GONE;
    }

    /** Records why {@code recording} has no timeline, unless it is gone (its deleted media is no failure then). */
    Outcome failed(RoomRecording recording, String reason) {
        if (!recordings.storeSpeechFailure(recording.id(), reason)) {
            return Outcome.GONE;
        }
        log.info("No speech-activity timeline for recording {}: {}", recording.id(), reason);
        return Outcome.FAILED;
    }

    private static String extension(String key) {
        int dot = key.lastIndexOf('.');
        return dot > key.lastIndexOf('/') ? key.substring(dot) : "";
    }
}
