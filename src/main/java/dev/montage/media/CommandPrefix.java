package dev.montage.media;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A wrapper command put in front of another ({@code setpriv …}, {@code nice …}) where this host has it: whether it
 * works is tried once, with {@code true} as the wrapped command, and where it does not the command runs unwrapped.
 * Shared by {@link ParentDeathSignal} and {@link LowPriority}, which differ only in the prefix.
 */
final class CommandPrefix {

    private final List<String> prefix;
    private final boolean available;

    CommandPrefix(List<String> prefix) {
        this.prefix = List.copyOf(prefix);
        this.available = works(this.prefix);
    }

    /** {@code command} behind the prefix, or unchanged where the prefix cannot run. */
    List<String> apply(List<String> command) {
        if (!available) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(prefix);
        wrapped.addAll(command);
        return wrapped;
    }

    boolean available() {
        return available;
    }

    private static boolean works(List<String> prefix) {
        List<String> probe = new ArrayList<>(prefix);
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
