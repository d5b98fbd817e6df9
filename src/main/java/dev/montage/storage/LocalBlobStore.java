package dev.montage.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import dev.montage.node.NodeSettings;

/**
 * The embedded default ({@code montage.storage.type=local}): blobs are files under {@code <data-dir>/blobs},
 * readable by the service's user only.
 */
@Component
@ConditionalOnProperty(name = "montage.storage.type", havingValue = "local", matchIfMissing = true)
class LocalBlobStore implements BlobStore {

    private final Path root;

    LocalBlobStore(NodeSettings node) throws IOException {
        this.root = root(node.dataDir());
        OwnerOnlyFiles.createDirectories(root);
    }

    @Override
    public void putFile(String key, Path source) throws IOException {
        Path target = resolve(key);
        OwnerOnlyFiles.createDirectories(target.getParent());
        // before the move, so the blob is never readable by others under its final name (ffmpeg writes its
        // output with the process's umask)
        OwnerOnlyFiles.restrict(source);
        try {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // another file system: copy, then drop the source so the contract ("gone afterwards") holds
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(source);
        }
        OwnerOnlyFiles.restrict(target);
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(existing(key));
    }

    @Override
    public long size(String key) throws IOException {
        return Files.size(existing(key));
    }

    @Override
    public InputStream openRange(String key, long offset, long length) throws IOException {
        InputStream in = open(key);
        try {
            in.skipNBytes(offset);
        } catch (IOException e) {
            in.close();
            throw e;
        }
        return new BoundedInputStream(in, length);
    }

    @Override
    public Optional<Path> localFile(String key) throws IOException {
        return Optional.of(existing(key));
    }

    @Override
    public void fetchTo(String key, Path target) throws IOException {
        Files.copy(existing(key), target);
        OwnerOnlyFiles.restrict(target);
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(resolve(key));
    }

    @Override
    public void deleteFolder(String folder) throws IOException {
        Path path = resolve(folder);
        if (!Files.isDirectory(path)) {
            return;
        }
        // deepest first, so each folder is empty when its turn comes
        try (Stream<Path> tree = Files.walk(path)) {
            for (Path file : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Writes and removes an empty file: a full disk, a read-only mount or a folder gone all fail here. */
    @Override
    public void checkWritable() throws IOException {
        Path probe = Files.createTempFile(root, ".ready-", ".tmp");
        Files.delete(probe);
    }

    @Override
    public String location() {
        return root.toString();
    }

    /** The folder of the blobs under a data folder (also what {@code migrate-blobs} copies from). */
    static Path root(Path dataDir) {
        return dataDir.resolve("blobs").toAbsolutePath().normalize();
    }

    private Path existing(String key) throws IOException {
        Path path = resolve(key);
        if (!Files.exists(path)) {
            throw new NoSuchFileException(key);
        }
        return path;
    }

    /** Keys come from Montage itself, but a key that escapes the root would be a bug worth failing loudly on. */
    private Path resolve(String key) {
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("blob key outside the store: " + key);
        }
        return path;
    }
}
