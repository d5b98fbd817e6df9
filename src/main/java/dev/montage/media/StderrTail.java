package dev.montage.media;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The last few kilobytes a process wrote to stderr, kept line by line so a long run holds only its end.
 *
 * <pre>{@code
 * tail.append("[in#0 @ 0x55854a69d240] Error opening input: No such file or directory");
 * tail.append("Error opening input file a.webm.");
 * tail.lastMeaningfulLines(2);
 *     // ["Error opening input: No such file or directory", "Error opening input file a.webm."]
 * }</pre>
 */
final class StderrTail {

    /** ffmpeg's prefix naming the component and its address, e.g. {@code "[in#0 @ 0x55854a69d240] "}. */
    private static final Pattern CONTEXT_PREFIX = Pattern.compile("^\\[[^\\]]* @ 0x[0-9a-f]+\\] ");

    private final int capacity;
    private final StringBuilder text = new StringBuilder();
    private boolean cut;

    StderrTail(int capacity) {
        this.capacity = capacity;
    }

    synchronized void append(String line) {
        text.append(line).append('\n');
        if (text.length() > capacity) {
            text.delete(0, text.length() - capacity);
            cut = true;
        }
    }

    synchronized String text() {
        return text.toString();
    }

    /**
     * Up to {@code count} last lines that say something, for a human: blank lines and ffmpeg's
     * "Last message repeated" notes are skipped, and so is the first line when the buffer cut it;
     * context prefixes with memory addresses are dropped.
     */
    synchronized List<String> lastMeaningfulLines(int count) {
        String[] lines = text.toString().split("\n");
        List<String> found = new ArrayList<>();
        for (int i = lines.length - 1; i >= (cut ? 1 : 0) && found.size() < count; i--) {
            String line = CONTEXT_PREFIX.matcher(lines[i].strip()).replaceFirst("");
            if (!line.isEmpty() && !line.startsWith("Last message repeated")) {
                found.add(0, line);
            }
        }
        return found;
    }
}
