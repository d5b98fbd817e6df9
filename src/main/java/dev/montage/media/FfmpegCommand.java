package dev.montage.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One ffmpeg invocation as data: the arguments after the executable's name, and the text of the
 * filter graph script that the arguments name with {@code -filter_complex_script}. Nothing runs
 * until someone writes the script where the arguments expect it and starts the process.
 *
 * <pre>{@code
 * FfmpegCommand command = FilterGraphBuilder.build(plan, sources, script, output);
 * Files.writeString(script, command.filterScript());
 * new ProcessBuilder(command.commandLine(Path.of("/usr/bin/ffmpeg"))).start();
 * }</pre>
 */
public record FfmpegCommand(List<String> arguments, String filterScript) {

    public FfmpegCommand {
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(filterScript, "filter script must not be null");
    }

    /** The full command line: the executable followed by the arguments. */
    public List<String> commandLine(Path ffmpeg) {
        List<String> line = new ArrayList<>(arguments.size() + 1);
        line.add(ffmpeg.toString());
        line.addAll(arguments);
        return List.copyOf(line);
    }
}
