package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.montage.media.MediaSettings;
import dev.montage.node.NodeSettings;

/** How long the script of a failed render stays: {@code montage.media.keep-failed-scripts}, 0 for not at all. */
class FailedRendersTest {

    private static final Instant NOON = Instant.parse("2026-11-29T12:00:00Z");

    @TempDir
    Path data;

    @Test
    void aKeptScriptIsRemovedOnceOlderThanTheSettingWhenTheNextIsKept() throws IOException {
        UUID first = UUID.randomUUID();
        failedRenders(Duration.ofHours(24), at(NOON)).keep(first, script("first"));
        assertThat(kept()).singleElement().satisfies(file -> assertThat(file.getFileName().toString())
                .startsWith(first + "-"));

        UUID second = UUID.randomUUID();
        failedRenders(Duration.ofHours(24), at(NOON.plus(Duration.ofHours(23)))).keep(second,
                script("second"));
        assertThat(kept()).hasSize(2); // the first is 23 h old: still kept

        UUID third = UUID.randomUUID();
        failedRenders(Duration.ofHours(24), at(NOON.plus(Duration.ofHours(25)))).keep(third,
                script("third"));
        assertThat(kept()).map(file -> file.getFileName().toString())
                .noneMatch(name -> name.startsWith(first.toString())).hasSize(2);
    }

    @Test
    void theSweepAtStartRemovesExpiredOnes() throws IOException {
        failedRenders(Duration.ofHours(1), at(NOON)).keep(UUID.randomUUID(), script("old"));
        failedRenders(Duration.ofHours(1), at(NOON.plus(Duration.ofHours(2)))).run(null);
        assertThat(kept()).isEmpty();
    }

    @Test
    void zeroKeepsNone() throws IOException {
        Path script = script("none");
        failedRenders(Duration.ZERO, at(NOON)).keep(UUID.randomUUID(), script);
        assertThat(kept()).isEmpty();
        assertThat(script).exists(); // left where it was, to go with its working folder
    }

    private Path script(String content) throws IOException {
        Path work = Files.createDirectories(data.resolve("work"));
        return Files.writeString(Files.createTempFile(work, "filtergraph-", ".txt"), content);
    }

    private List<Path> kept() throws IOException {
        Path folder = data.resolve("failed-renders");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    private FailedRenders failedRenders(Duration keepFailedScripts, Clock clock) {
        return new FailedRenders(NodeSettings.inFolder(data), MediaSettings.bundled(keepFailedScripts), clock);
    }
}
