package dev.montage.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

import dev.montage.jobs.JobQueues;
import dev.montage.node.NodeSettings;

/**
 * Removes what a killed process left in the node's scratch folders ({@code <data-dir>/work} for renders,
 * {@code <data-dir>/tmp} for uploads being spooled). A job or upload removes its own files whatever happens to
 * it; only a process that died cannot. An entry is stale when nothing inside it has been written for
 * {@link #STALE_AFTER}: a live render or upload writes continuously, so another process sharing the folder
 * never loses work in progress.
 */
@Component
@Profile("!" + JobQueues.COMMAND_LINE_PROFILE) // a command run is no node: scratch is the nodes' business
public class StaleWorkCleaner implements ApplicationRunner {

    static final Duration STALE_AFTER = Duration.ofMinutes(10);

    private static final Logger log = LoggerFactory.getLogger(StaleWorkCleaner.class);

    private final List<Path> scratch;
    private final Clock clock;

    StaleWorkCleaner(NodeSettings node, Clock clock) {
        this.scratch = List.of(node.dataDir().resolve("work"), node.dataDir().resolve("tmp"));
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        Instant cutoff = clock.instant().minus(STALE_AFTER);
        for (Path folder : scratch) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> entries = Files.list(folder)) {
                entries.filter(entry -> lastWrite(entry).isBefore(cutoff)).forEach(StaleWorkCleaner::delete);
            } catch (IOException e) {
                log.warn("Could not look for stale files in {}", folder, e);
            }
        }
    }

    private static Instant lastWrite(Path entry) {
        try (Stream<Path> files = Files.walk(entry)) {
            return files.map(StaleWorkCleaner::modified).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        } catch (IOException e) {
            return Instant.now(); // unreadable: leave it alone
        }
    }

    private static Instant modified(Path path) {
        try {
            FileTime time = Files.getLastModifiedTime(path);
            return time.toInstant();
        } catch (IOException e) {
            return Instant.now();
        }
    }

    private static void delete(Path entry) {
        try {
            FileSystemUtils.deleteRecursively(entry);
            log.info("Removed {}, left by a process that stopped", entry);
        } catch (IOException e) {
            log.warn("Could not remove {}", entry, e);
        }
    }
}
