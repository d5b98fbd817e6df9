package dev.montage.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.montage.node.NodeSettings;

class StaleWorkCleanerTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void removesWhatNoProcessHasWrittenForTenMinutesAndKeepsTheRest() throws IOException {
        Path crashedRender = file("work/c0ffee-1/composition.mp4", NOW.minus(Duration.ofHours(2)));
        Path crashedUpload = file("tmp/upload-1.part", NOW.minus(Duration.ofMinutes(11)));
        Path liveRender = file("work/beef-2/composition.mp4", NOW.minus(Duration.ofSeconds(3)));
        // an old script but an output written a moment ago: a long render still running
        file("work/beef-3/filter.txt", NOW.minus(Duration.ofHours(3)));
        Path longRender = file("work/beef-3/composition.mp4", NOW.minus(Duration.ofSeconds(1)));

        new StaleWorkCleaner(NodeSettings.inFolder(dataDir), Clock.fixed(NOW, ZoneOffset.UTC)).run(null);

        assertThat(crashedRender.getParent()).doesNotExist();
        assertThat(crashedUpload).doesNotExist();
        assertThat(liveRender).exists();
        assertThat(longRender).exists();
        assertThat(dataDir.resolve("work/beef-3/filter.txt")).exists();
    }

    @Test
    void missingFoldersAreFine() {
        new StaleWorkCleaner(NodeSettings.inFolder(dataDir.resolve("nothing-here")), Clock.fixed(NOW, ZoneOffset.UTC))
                .run(null);
        assertThat(dataDir.resolve("nothing-here")).doesNotExist();
    }

    private Path file(String relative, Instant modified) throws IOException {
        Path path = dataDir.resolve(relative);
        Files.createDirectories(path.getParent());
        Files.writeString(path, "x");
        Files.setLastModifiedTime(path, FileTime.from(modified));
        Files.setLastModifiedTime(path.getParent(), FileTime.from(modified));
        return path;
    }
}
