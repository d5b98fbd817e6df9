package dev.montage.media;

import java.util.List;

/**
 * A render that produced no file. The message is a failure reason for a human (it ends up as a
 * composition's {@code failure_reason}); the command line and the tail of ffmpeg's stderr are kept
 * for the log.
 */
public class RenderException extends Exception {

    private final List<String> commandLine;
    private final String stderrTail;

    public RenderException(String message, List<String> commandLine, String stderrTail) {
        this(message, commandLine, stderrTail, null);
    }

    public RenderException(String message, List<String> commandLine, String stderrTail, Throwable cause) {
        super(message, cause);
        this.commandLine = List.copyOf(commandLine);
        this.stderrTail = stderrTail;
    }

    /** The ffmpeg command line, or an empty list when ffmpeg never started. */
    public List<String> commandLine() {
        return commandLine;
    }

    /** The last few kilobytes ffmpeg wrote to stderr, possibly empty. */
    public String stderrTail() {
        return stderrTail;
    }
}
