package dev.montage.compositions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import dev.montage.media.MediaSettings;
import dev.montage.node.NodeSettings;
import dev.montage.storage.OwnerOnlyFiles;

/**
 * Keeps the filter script of a failed render under {@code <data-dir>/failed-renders/<composition id>-<millis>.txt}
 * for {@code montage.media.keep-failed-scripts} (0 keeps none), so that whoever reads the WARN line of the failure
 * can run its command line again. Older ones are removed at start and whenever a new one is kept.
 */
@Component
class FailedRenders implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FailedRenders.class);

    private final Path folder;
    private final Duration keepFor;
    private final Clock clock;

    FailedRenders(NodeSettings node, MediaSettings media, Clock clock) {
        this.folder = node.dataDir().resolve("failed-renders");
        this.keepFor = media.keepFailedScripts();
        this.clock = clock;
    }

    /** Moves {@code script} into the folder (or leaves it to be removed with its working folder when none is kept). */
    void keep(UUID compositionId, Path script) {
        if (keepFor.isZero()) {
            return;
        }
        try {
            OwnerOnlyFiles.createDirectories(folder);
            Path kept = folder.resolve(compositionId + "-" + clock.millis() + ".txt");
            Files.move(script, kept, StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(kept, java.nio.file.attribute.FileTime.from(clock.instant()));
            log.warn("Filter script of the failed render kept for {} in {}", keepFor, kept);
        } catch (IOException e) {
            log.warn("Could not keep the filter script {} of a failed render", script, e);
        }
        removeExpired();
    }

    @Override
    public void run(ApplicationArguments args) {
        removeExpired();
    }

    private void removeExpired() {
        if (!Files.isDirectory(folder)) {
            return;
        }
        Instant cutoff = clock.instant().minus(keepFor);
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(file -> modified(file).isBefore(cutoff)).forEach(FailedRenders::delete);
        } catch (IOException e) {
            log.warn("Could not look for expired scripts in {}", folder, e);
        }
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return Instant.MAX; // gone meanwhile, or unreadable: nothing to remove
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not remove {}", file, e);
        }
    }
}
