package dev.montage.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The composed files the local blob store holds for one composition. Each run stores under a key of its own,
 * {@code compositions/<id>-<run>.mp4}, so tests find a composition's media by its id rather than by a fixed name.
 */
public final class StoredMedia {

    private StoredMedia() {
    }

    public static List<Path> of(Path dataDir, String compositionId) {
        Path folder = dataDir.resolve("blobs").resolve("compositions");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().startsWith(compositionId + "-")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
