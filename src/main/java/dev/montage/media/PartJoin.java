package dev.montage.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The ffmpeg invocation that joins the video parts of a segmented render and its one-piece audio into the finished
 * file, as data (see {@link CompositionRenderer#join}): the arguments, and the text of the concat demuxer's list that
 * they name. Nothing is re-encoded: the parts' packets follow one another ({@code -c copy}) with their timestamps
 * moved by the lengths of the parts before them, and the audio is muxed beside them.
 *
 * <pre>{@code
 * PartJoin join = PartJoin.of(List.of(part0, part1), audio, OutputFormat.MP4, workDir.resolve("parts.txt"), out);
 * Files.writeString(workDir.resolve("parts.txt"), join.concatList());
 * }</pre>
 */
record PartJoin(List<String> arguments, String concatList) {

    PartJoin {
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(concatList, "concat list must not be null");
    }

    static PartJoin of(List<Path> videoParts, Path audio, OutputFormat format, Path listFile, Path output) {
        if (videoParts.isEmpty()) {
            throw new IllegalArgumentException("a join needs at least one video part");
        }
        StringBuilder list = new StringBuilder("ffconcat version 1.0\n");
        for (Path part : videoParts) {
            list.append("file ").append(quoted(part.toAbsolutePath().toString())).append('\n');
        }
        List<String> args = new ArrayList<>(List.of(
                "-hide_banner", "-nostdin", "-loglevel", "warning", "-y", "-progress", "pipe:1", "-nostats",
                // -safe 0: the list names absolute paths of the work folder
                "-f", "concat", "-safe", "0", "-i", listFile.toString(),
                "-i", audio.toString(),
                "-map", "0:v:0", "-map", "1:a:0", "-c", "copy"));
        args.addAll(format.finishedFileArguments());
        args.add(output.toString());
        return new PartJoin(args, list.toString());
    }

    /** The concat list's quoting: inside single quotes, a quote is closed, escaped and reopened. */
    private static String quoted(String path) {
        return "'" + path.replace("'", "'\\''") + "'";
    }
}
