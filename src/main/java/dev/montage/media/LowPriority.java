package dev.montage.media;

import java.util.List;

/**
 * Starts a command at a low CPU priority ({@code nice -n 10}), for background work that should yield to whatever
 * else the node does: the speech analysis of an upload yields to uploads and renders, so it costs them little and
 * mostly takes the cores they leave idle. 10, not the lowest (19): on a node that is busy for minutes (a long
 * render on every core) an analysis must still finish within its timeout, not starve. Where {@code nice} is
 * missing the command runs unchanged, at normal priority.
 *
 * <pre>{@code
 * LowPriority.of(List.of("ffmpeg", "-i", "a.webm", "-f", "null", "-"));
 *     // ["nice", "-n", "10", "ffmpeg", "-i", "a.webm", "-f", "null", "-"]
 * }</pre>
 */
final class LowPriority {

    private static final CommandPrefix PREFIX = new CommandPrefix(List.of("nice", "-n", "10"));

    private LowPriority() {
    }

    /** {@code command}, started at low priority where that can be done. */
    static List<String> of(List<String> command) {
        return PREFIX.apply(command);
    }

    static boolean available() {
        return PREFIX.available();
    }
}
