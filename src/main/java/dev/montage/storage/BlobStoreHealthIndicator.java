package dev.montage.storage;

import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.montage.health.LoggedHealthIndicator;

/**
 * Readiness of the blob store ({@code blobStore}): uploads and renders need to store files, so a node whose folder
 * is not writable, or whose bucket is missing or unreachable, takes no traffic.
 */
@Component("blobStoreHealthIndicator")
class BlobStoreHealthIndicator extends LoggedHealthIndicator {

    private final BlobStore blobs;

    BlobStoreHealthIndicator(BlobStore blobs) {
        super("blobStore");
        this.blobs = blobs;
    }

    @Override
    protected Optional<String> problem(Map<String, Object> details) {
        details.put("location", blobs.location());
        try {
            blobs.checkWritable();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of(blobs.location() + " cannot store files: " + e.getMessage());
        }
    }
}
