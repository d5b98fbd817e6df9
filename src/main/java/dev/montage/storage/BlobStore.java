package dev.montage.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where media lives: recordings as uploaded and composed files. Keys are relative paths such as
 * {@code recordings/<id>.webm}. Implementations stream; nothing is held whole in memory. Two exist: the local
 * folder (the default) and an S3-compatible bucket ({@code montage.storage.type}, see docs/storage.md).
 */
public interface BlobStore {

    /** Stores the file at {@code source} under {@code key}; {@code source} may be moved and is gone afterwards. */
    void putFile(String key, Path source) throws IOException;

    /** The whole blob; {@link java.nio.file.NoSuchFileException} when there is none. */
    InputStream open(String key) throws IOException;

    /** {@code length} bytes of the blob from {@code offset} on, read from the store as they are asked for. */
    InputStream openRange(String key, long offset, long length) throws IOException;

    long size(String key) throws IOException;

    /**
     * The blob as a file on this machine, when the store keeps it as one (the local folder): read it, never change
     * it. Empty for a remote store; {@link #fetchTo} makes a copy instead.
     */
    Optional<Path> localFile(String key) throws IOException;

    /** Copies the blob into the new file {@code target} (a job's scratch folder, which removes it). */
    void fetchTo(String key, Path target) throws IOException;

    /**
     * The blob as a file on this machine to read: the store's own file when it keeps one ({@link #localFile}), else a
     * copy fetched to {@code copy}.
     */
    default Path localOrCopy(String key, Path copy) throws IOException {
        Optional<Path> local = localFile(key);
        if (local.isPresent()) {
            return local.get();
        }
        fetchTo(key, copy);
        return copy;
    }

    /**
     * A link that lets anyone GET the blob directly from the store until {@code validity} has passed, when the store
     * can sign one (S3); empty when downloads go through Montage itself.
     */
    default Optional<URI> presignedGet(String key, Duration validity) {
        return Optional.empty();
    }

    /**
     * Checks that blobs can be stored now, for readiness: the folder takes a new file, the bucket answers. Cheap
     * enough for a probe every few seconds; throws with a message an operator can act on.
     */
    void checkWritable() throws IOException;

    /** Where the blobs go, for messages: a folder or {@code s3://bucket/prefix}. */
    String location();

    /** Deletes the blob; deleting a missing blob is not an error. */
    void delete(String key) throws IOException;

    /**
     * Deletes every blob whose key starts with {@code folder + "/"} (the pictures of one composition, say); a folder
     * with no blob is not an error.
     */
    void deleteFolder(String folder) throws IOException;
}
