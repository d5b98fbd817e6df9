package dev.montage.media;

/** The file could not be probed: not media, corrupt, or ffprobe failed. The message says why, for a human. */
public class MediaProbeException extends Exception {
    public MediaProbeException(String message) {
        super(message);
    }
}
