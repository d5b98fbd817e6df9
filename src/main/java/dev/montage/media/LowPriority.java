package dev.montage.media;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

    private static final List<String> PREFIX = List.of("nice", "-n", "10");
    private static final boolean AVAILABLE = works();

    private LowPriority() {
    }

    /** {@code command}, started at low priority where that can be done. */
    static List<String> of(List<String> command) {
        if (!AVAILABLE) {
            return command;
        }
        List<String> niced = new ArrayList<>(PREFIX);
        niced.addAll(command);
        return niced;
    }

    static boolean available() {
        return AVAILABLE;
    }

    private static boolean works() {
        List<String> probe = new ArrayList<>(PREFIX);
        probe.add("true");
        try {
            Process process = new ProcessBuilder(probe).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
