package dev.montage.media;

import java.util.List;

/**
 * Makes a child process die with the JVM. A JVM that is killed (kill -9, the OOM killer) cannot stop its
 * children, and ffmpeg ignores the broken pipe of its progress output, so an orphaned render would run to its
 * end, using the CPU and filling a working folder that no job owns any more. Started through util-linux's
 * {@code setpriv --pdeathsig KILL}, the child gets SIGKILL from the kernel when the thread that started it
 * dies (the job thread, which waits for it to the end). Where setpriv is missing, commands run unwrapped and
 * the start-up clean-up of stale working folders is the only remedy.
 *
 * <pre>{@code
 * ParentDeathSignal.guard(List.of("ffmpeg", "-i", "a.webm", "out.mp4"));
 *     // ["setpriv", "--pdeathsig", "KILL", "--", "ffmpeg", "-i", "a.webm", "out.mp4"]
 * }</pre>
 */
final class ParentDeathSignal {

    private static final CommandPrefix PREFIX = new CommandPrefix(List.of("setpriv", "--pdeathsig", "KILL", "--"));

    private ParentDeathSignal() {
    }

    /** {@code command}, started so that it is killed when its starter dies; unchanged where that cannot be. */
    static List<String> guard(List<String> command) {
        return PREFIX.apply(command);
    }

    static boolean available() {
        return PREFIX.available();
    }
}
