package dev.montage.media;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A render that produced no file. The message is a failure reason for a human (it ends up as a
 * composition's {@code failure_reason}); the command line and the tail of ffmpeg's stderr are kept
 * for the log.
 */
public class RenderException extends Exception {

    private final List<String> commandLine;
    private final String stderrTail;
    private final Path filterScript;

    public RenderException(String message, List<String> commandLine, String stderrTail) {
        this(message, commandLine, stderrTail, null);
    }

    public RenderException(String message, List<String> commandLine, String stderrTail, Throwable cause) {
        this(message, commandLine, stderrTail, cause, null);
    }

    private RenderException(String message, List<String> commandLine, String stderrTail, Throwable cause,
            Path filterScript) {
        super(message, cause);
        this.commandLine = List.copyOf(commandLine);
        this.stderrTail = stderrTail;
        this.filterScript = filterScript;
    }

    /**
     * This failure, with the filter script of its ffmpeg left on disk for whoever looks into it: the renderer does
     * not remove it, the caller keeps or removes it.
     */
    RenderException withFilterScript(Path script) {
        RenderException kept = new RenderException(getMessage(), commandLine, stderrTail, getCause(), script);
        kept.setStackTrace(getStackTrace());
        return kept;
    }

    /** The filter script ffmpeg ran with, left on disk; empty when it was removed (or never written). */
    public Optional<Path> filterScript() {
        return Optional.ofNullable(filterScript);
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
