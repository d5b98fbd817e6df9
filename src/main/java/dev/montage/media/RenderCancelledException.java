package dev.montage.media;

import java.util.List;

/** The progress listener asked to stop (or failed); ffmpeg was stopped and its partial file removed. */
public final class RenderCancelledException extends RenderException {

    public RenderCancelledException(String message, List<String> commandLine, String stderrTail, Throwable cause) {
        super(message, commandLine, stderrTail, cause);
    }
}
