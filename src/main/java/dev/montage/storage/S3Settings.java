package dev.montage.storage;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code montage.storage.s3.*} settings of a bucket store ({@code montage.storage.type=s3}), read once.
 * Credentials are not settings: the AWS SDK's default provider chain finds them (environment, system properties,
 * profile files, container or instance role).
 *
 * @param bucket          the bucket, which must exist
 * @param prefix          put before every key ({@code montage/} gives {@code montage/recordings/<id>.webm}); may be
 *                        empty
 * @param region          the bucket's region ({@code auto} for R2; any name for MinIO or s3proxy)
 * @param endpoint        the service's URL when it is not AWS (MinIO, Ceph, R2, GCS interop); unset for AWS
 * @param pathStyleAccess {@code http://host/bucket/key} instead of {@code http://bucket.host/key}: MinIO, Ceph and
 *                        most servers without wildcard DNS need it
 */
@ConfigurationProperties("montage.storage.s3")
public record S3Settings(String bucket, String prefix, @DefaultValue("us-east-1") String region,
        Optional<URI> endpoint, boolean pathStyleAccess) {

    public S3Settings {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("montage.storage.s3.bucket must name a bucket when "
                    + "montage.storage.type=s3");
        }
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("montage.storage.s3.region must not be empty");
        }
        bucket = bucket.trim();
        region = region.trim();
        prefix = prefix == null ? "" : prefix.trim();
        if (prefix.startsWith("/")) {
            throw new IllegalArgumentException("montage.storage.s3.prefix must not start with '/': " + prefix);
        }
        // the binder gives null, not an empty Optional, for a setting that is absent
        endpoint = endpoint == null ? Optional.empty() : endpoint;
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

    /** Bound only for a bucket store: a local installation needs no bucket. */
    @Configuration
    @ConditionalOnProperty(name = "montage.storage.type", havingValue = "s3")
    @EnableConfigurationProperties(S3Settings.class)
    static class Binding {
    }
}
