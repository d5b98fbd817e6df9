package dev.montage.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class ProcessRunnerTest {

    @Test
    void theReaderGetsTheOutputAndTheResultKeepsTheErrorsTail() throws Exception {
        StringBuilder out = new StringBuilder();

        ProcessRunner.Result result = ProcessRunner.run(
                List.of("sh", "-c", "echo one; echo two; echo oops >&2; exit 3"), Duration.ofSeconds(30),
                in -> out.append(readAll(in)));

        assertThat(out.toString()).isEqualTo("one\ntwo\n");
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stderr().lastMeaningfulLines(1)).containsExactly("oops");
    }

    @Test
    void outputTheReaderLeavesIsDiscardedSoTheProcessEnds() throws Exception {
        // 8 MB, far more than a pipe holds: a process whose output nobody read would block forever
        ProcessRunner.Result result = ProcessRunner.run(List.of("sh", "-c", "head -c 8000000 /dev/zero; exit 0"),
                Duration.ofSeconds(30), in -> { });

        assertThat(result.exitCode()).isZero();
    }

    @Test
    void aProcessPastItsDeadlineIsKilled() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> ProcessRunner.run(List.of("sleep", "30"), Duration.ofMillis(300), in -> { }))
                .isInstanceOf(IOException.class)
                .hasMessage("sleep did not finish within PT0.3S");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("it did not wait for the 30 s")
                .isLessThan(Duration.ofSeconds(20));
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
