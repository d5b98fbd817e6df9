package dev.montage.storage;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code montage.storage.*} settings of a bucket store, read once. Credentials are not settings: the AWS SDK's
 * default provider chain finds them (environment, system properties, profile files, container or instance role).
 *
 * @param bucket          the bucket, which must exist
 * @param prefix          put before every key ({@code montage/} gives {@code montage/recordings/<id>.webm}); may be
 *                        empty
 * @param region          the bucket's region ({@code auto} for R2; any name for MinIO or s3proxy)
 * @param endpoint        the service's address when it is not AWS (MinIO, Ceph, R2, GCS interop); empty for AWS
 * @param pathStyleAccess {@code http://host/bucket/key} instead of {@code http://bucket.host/key}: MinIO, Ceph and
 *                        most servers without wildcard DNS need it
 */
public record S3Settings(String bucket, String prefix, String region, Optional<URI> endpoint,
        boolean pathStyleAccess) {

    public S3Settings {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("montage.storage.s3.bucket must name a bucket when "
                    + "montage.storage.type=s3");
        }
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("montage.storage.s3.region must not be empty");
        }
        prefix = prefix == null ? "" : prefix;
        if (prefix.startsWith("/")) {
            throw new IllegalArgumentException("montage.storage.s3.prefix must not start with '/': " + prefix);
        }
        endpoint.ifPresent(uri -> {
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("montage.storage.s3.endpoint must be an http(s) URL, not " + uri);
            }
        });
    }

    /** The object key of a blob key. */
    String objectKey(String key) {
        return prefix + key;
    }

    @Configuration
    static class Binding {

        /** Bound only for a bucket store: a local installation needs no bucket. */
        @Bean
        @ConditionalOnProperty(name = "montage.storage.type",
                havingValue = "s3")
        S3Settings s3Settings(
                @Value("${montage.storage.s3.bucket:}") String bucket,
                @Value("${montage.storage.s3.prefix:}") String prefix,
                @Value("${montage.storage.s3.region:us-east-1}") String region,
                @Value("${montage.storage.s3.endpoint:}") String endpoint,
                @Value("${montage.storage.s3.path-style-access:false}") boolean pathStyleAccess) {
            Optional<URI> uri;
            try {
                uri = endpoint.isBlank() ? Optional.empty() : Optional.of(URI.create(endpoint.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("montage.storage.s3.endpoint is not a URL: " + endpoint, e);
            }
            return new S3Settings(bucket.trim(), prefix.trim(), region.trim(), uri, pathStyleAccess);
        }
    }
}
