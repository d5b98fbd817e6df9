package dev.montage.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import dev.montage.node.NodeSettings;

/**
 * {@code java -jar montage.jar migrate-blobs} (with {@code montage.storage.type=s3} and the bucket's settings):
 * copies every blob of the local folder ({@code <data-dir>/blobs}) into the bucket under the same key, so an
 * installation moves to a bucket without losing a recording. Run it again as often as needed: an object already in
 * the bucket with the blob's size is skipped, so an interrupted run resumes where it stopped. The local files are
 * left in place; remove them once the service runs on the bucket.
 */
@Component
@Profile(MigrateBlobsCommand.PROFILE)
public class MigrateBlobsCommand implements ApplicationRunner {

    public static final String NAME = "migrate-blobs";
    public static final String PROFILE = "migrate-blobs";

    private final ObjectProvider<S3BlobStore> bucket;
    private final Path root;

    MigrateBlobsCommand(ObjectProvider<S3BlobStore> bucket, NodeSettings node) {
        this.bucket = bucket;
        this.root = LocalBlobStore.root(node.dataDir());
    }

    /** What one run did: blobs copied, blobs already in the bucket, bytes copied. */
    public record Result(int copied, int skipped, long bytesCopied) {
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        S3BlobStore target = bucket.getIfAvailable();
        if (target == null) {
            throw new IllegalStateException("migrate-blobs copies into a bucket: set montage.storage.type=s3 and "
                    + "montage.storage.s3.bucket (and endpoint, region, path-style-access as the service needs)");
        }
        System.out.println("Copying the blobs of " + root + " into " + target.location());
        Result result = migrate(target);
        System.out.println("copied=" + result.copied() + " skipped=" + result.skipped() + " bytes_copied="
                + result.bytesCopied());
    }

    /** Copies what the bucket lacks; stops at the first failure, which a later run resumes after. */
    public Result migrate(S3BlobStore target) throws IOException {
        int copied = 0;
        int skipped = 0;
        long bytes = 0;
        for (Path file : blobFiles()) {
            String key = keyOf(file);
            long size = Files.size(file);
            OptionalLong existing = target.sizeIfPresent(key);
            if (existing.isPresent() && existing.getAsLong() == size) {
                skipped++;
                continue;
            }
            target.upload(key, file);
            copied++;
            bytes += size;
        }
        return new Result(copied, skipped, bytes);
    }

    /** Regular files only, in key order so that two runs go the same way; symbolic links are not blobs. */
    private List<Path> blobFiles() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
                    .sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private String keyOf(Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }
}
