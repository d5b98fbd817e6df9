package dev.montage.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * A guarded child dies when its parent is killed; an unguarded one lives on. A shell stands in for the JVM:
 * it starts the child, prints its pid and waits, and is then killed with SIGKILL, as a node can be.
 */
class ParentDeathSignalTest {

    @Test
    void aGuardedChildDiesWithItsKilledParent() throws Exception {
        assumeTrue(ParentDeathSignal.available(), "setpriv with --pdeathsig is on every machine this runs on");

        ProcessHandle child = startChildAndKillParent(ParentDeathSignal.guard(List.of("sleep", "60")));

        assertThat(diesWithin(child, Duration.ofSeconds(10))).as("the orphan was killed").isTrue();
    }

    @Test
    void anUnguardedChildOutlivesItsKilledParent() throws Exception {
        ProcessHandle child = startChildAndKillParent(List.of("sleep", "60"));
        try {
            assertThat(diesWithin(child, Duration.ofSeconds(2))).as("without the guard the orphan runs on").isFalse();
        } finally {
            child.destroyForcibly();
        }
    }

    private static ProcessHandle startChildAndKillParent(List<String> childCommand) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", "-c", "\"$@\" & echo $!; wait", "sh"));
        command.addAll(childCommand);
        Process parent = new ProcessBuilder(command).start();
        long pid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                StandardCharsets.UTF_8))) {
            pid = Long.parseLong(out.readLine().strip());
            Optional<ProcessHandle> child = ProcessHandle.of(pid);
            assertThat(child).as("the child runs").isPresent();
            Thread.sleep(300); // past the exec of setpriv and sleep
            parent.destroyForcibly().waitFor();
            return child.get();
        }
    }

    private static boolean diesWithin(ProcessHandle process, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return true;
            }
            Thread.sleep(50);
        }
        return !process.isAlive();
    }
}
