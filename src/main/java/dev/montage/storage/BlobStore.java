package dev.montage.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where media lives: recordings as uploaded and composed files. Keys are relative paths such as
 * {@code recordings/<id>.webm}. Implementations stream; nothing is held whole in memory.
 */
public interface BlobStore {

    /** Stores the file at {@code source} under {@code key}; {@code source} may be moved and is gone afterwards. */
    void putFile(String key, Path source) throws IOException;

    InputStream open(String key) throws IOException;

    long size(String key) throws IOException;

    /**
     * A local file with the blob's content, for ffmpeg to read. For a local store it is the blob itself
     * (read it, never change it).
     */
    Path localPath(String key) throws IOException;

    /** Deletes the blob; deleting a missing blob is not an error. */
    void delete(String key) throws IOException;
}
