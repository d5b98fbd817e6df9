package dev.montage.media;

import java.nio.file.Path;
import java.util.List;

/**
 * A finished render: the complete file, its size, and how ffmpeg was run (its command line and the
 * tail of what it wrote to stderr, worth keeping next to the composition).
 */
public record RenderResult(Path output, long sizeBytes, List<String> commandLine, String stderrTail) {

    public RenderResult {
        commandLine = List.copyOf(commandLine);
    }
}
