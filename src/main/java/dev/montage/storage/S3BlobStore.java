package dev.montage.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.multipart.MultipartConfiguration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Blobs as objects in an S3-compatible bucket ({@code montage.storage.type=s3}): AWS S3, MinIO, Ceph, R2, GCS
 * interop. Uploads stream from the file with the SDK's multipart client (parts of {@link #PART_SIZE}, a few in
 * flight, never the whole file in memory); reads stream from a GetObject, ranged when a range is asked for.
 *
 * <p>Checksums are sent and checked only where the S3 API requires them: the SDK's newer default (a CRC trailer on
 * every upload) is not understood by every S3-compatible server.
 */
@Component
@ConditionalOnProperty(name = "montage.storage.type", havingValue = "s3")
public class S3BlobStore implements BlobStore, DisposableBean {

    private static final Duration READINESS_TIMEOUT = Duration.ofSeconds(3);

    /** Files larger than this go up in parts of this size; S3 wants parts of 5 MiB at least. */
    static final long PART_SIZE = 8L * 1024 * 1024;

    private final S3Settings settings;
    private final S3Client client;
    private final S3AsyncClient uploads;
    private final S3Presigner presigner;
    private final DefaultCredentialsProvider credentials;

    S3BlobStore(S3Settings settings) {
        this.settings = settings;
        this.credentials = DefaultCredentialsProvider.builder().build();
        Region region = Region.of(settings.region());
        var sync = S3Client.builder().region(region).credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyleAccess())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        var async = S3AsyncClient.builder().region(region).credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyleAccess())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.addExecutionInterceptor(new WithoutObjectSizeHint()))
                .multipartEnabled(true)
                .multipartConfiguration(MultipartConfiguration.builder()
                        .thresholdInBytes(PART_SIZE).minimumPartSizeInBytes(PART_SIZE).build());
        var presign = S3Presigner.builder().region(region).credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(settings.pathStyleAccess()).build());
        settings.endpoint().ifPresent(endpoint -> {
            sync.endpointOverride(endpoint);
            async.endpointOverride(endpoint);
            presign.endpointOverride(endpoint);
        });
        this.client = sync.build();
        this.uploads = async.build();
        this.presigner = presign.build();
    }

    /** The bucket and key prefix, for messages. */
    @Override
    public String location() {
        return "s3://" + settings.bucket() + "/" + settings.prefix();
    }

    @Override
    public void putFile(String key, Path source) throws IOException {
        upload(key, source);
        Files.deleteIfExists(source);
    }

    /** Uploads the file under {@code key}, leaving the file where it is (the migration keeps its source). */
    public void upload(String key, Path source) throws IOException {
        CompletableFuture<?> upload = uploads.putObject(b -> b.bucket(settings.bucket())
                .key(settings.objectKey(key)), AsyncRequestBody.fromFile(source));
        try {
            upload.get();
        } catch (InterruptedException e) {
            // a cancelled composition stops uploading its output; the SDK aborts the multipart upload
            upload.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted during the upload of " + key);
        } catch (ExecutionException e) {
            throw failure("upload", key, e.getCause() == null ? e : e.getCause());
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        return get(key, GetObjectRequest.builder().bucket(settings.bucket()).key(settings.objectKey(key)).build());
    }

    @Override
    public InputStream openRange(String key, long offset, long length) throws IOException {
        if (length == 0) {
            return InputStream.nullInputStream();
        }
        return get(key, GetObjectRequest.builder().bucket(settings.bucket()).key(settings.objectKey(key))
                .range("bytes=" + offset + "-" + (offset + length - 1)).build());
    }

    private InputStream get(String key, GetObjectRequest request) throws IOException {
        try {
            return new AbortingWhenClosedEarly(client.getObject(request, ResponseTransformer.toInputStream()));
        } catch (SdkException e) {
            throw failure("read", key, e);
        }
    }

    /**
     * Closing an object's stream before its end would read the rest of it, to keep the connection for reuse: a
     * browser seeking in a video would make a request thread pull gigabytes nobody reads. A stream closed early
     * aborts its connection instead.
     */
    private static final class AbortingWhenClosedEarly extends FilterInputStream {
        private final ResponseInputStream<?> response;
        private boolean ended;

        AbortingWhenClosedEarly(ResponseInputStream<?> response) {
            super(response);
            this.response = response;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            ended |= b < 0;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            ended |= n < 0;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (!ended) {
                response.abort();
            }
            super.close();
        }
    }

    @Override
    public long size(String key) throws IOException {
        return sizeIfPresent(key).orElseThrow(() -> new NoSuchFileException(key));
    }

    /** The size of the object under {@code key}, empty when there is none. */
    public OptionalLong sizeIfPresent(String key) throws IOException {
        try {
            return OptionalLong.of(client.headObject(b -> b.bucket(settings.bucket())
                    .key(settings.objectKey(key))).contentLength());
        } catch (NoSuchKeyException e) {
            return OptionalLong.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) { // HEAD answers have no body, so no error code to map to NoSuchKey
                return OptionalLong.empty();
            }
            throw failure("look up", key, e);
        } catch (SdkException e) {
            throw failure("look up", key, e);
        }
    }

    @Override
    public Optional<Path> localFile(String key) {
        return Optional.empty();
    }

    @Override
    public void fetchTo(String key, Path target) throws IOException {
        try {
            client.getObject(b -> b.bucket(settings.bucket()).key(settings.objectKey(key)),
                    ResponseTransformer.toFile(target));
        } catch (SdkException e) {
            throw failure("download", key, e);
        }
        OwnerOnlyFiles.restrict(target);
    }

    @Override
    public Optional<URI> presignedGet(String key, Duration validity) {
        // served as what it is, to play inline, whatever content type the object was stored with
        String type = key.endsWith(".mp4") ? "video/mp4" : key.endsWith(".webm") ? "video/webm"
                : "application/octet-stream";
        var presigned = presigner.presignGetObject(b -> b.signatureDuration(validity)
                .getObjectRequest(g -> g.bucket(settings.bucket()).key(settings.objectKey(key))
                        .responseContentType(type)));
        return Optional.of(URI.create(presigned.url().toString()));
    }

    /**
     * HeadBucket: the bucket exists and these credentials may use it. A write would prove more but would leave
     * traffic (and, with versioning, objects) behind on every probe.
     */
    @Override
    public void checkWritable() throws IOException {
        try {
            // a readiness probe must answer while a balancer still waits for it: one attempt, a few seconds
            client.headBucket(b -> b.bucket(settings.bucket())
                    .overrideConfiguration(o -> o.apiCallTimeout(READINESS_TIMEOUT)));
        } catch (S3Exception e) {
            throw new IOException("bucket " + settings.bucket() + " answered " + e.statusCode()
                    + (e.statusCode() == 404 ? " (no such bucket)" : e.statusCode() == 403 ? " (access denied)" : ""),
                    e);
        } catch (SdkException e) {
            throw new IOException("bucket " + settings.bucket() + " unreachable: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            client.deleteObject(b -> b.bucket(settings.bucket()).key(settings.objectKey(key)));
        } catch (NoSuchKeyException alreadyGone) {
            // S3 answers 204 either way; some compatible servers answer 404
        } catch (SdkException e) {
            throw failure("delete", key, e);
        }
    }

    /** One listing and one delete per object: a composition's pictures are a handful of objects. */
    @Override
    public void deleteFolder(String folder) throws IOException {
        try {
            var objects = client.listObjectsV2Paginator(b -> b.bucket(settings.bucket())
                    .prefix(settings.objectKey(folder) + "/"));
            for (S3Object object : objects.contents()) {
                client.deleteObject(b -> b.bucket(settings.bucket()).key(object.key()));
            }
        } catch (SdkException e) {
            throw failure("delete", folder + "/", e);
        }
    }

    /** The SDK's exceptions are unchecked; callers of a BlobStore handle IOException (a missing blob included). */
    private IOException failure(String action, String key, Throwable cause) {
        if (cause instanceof NoSuchKeyException
                || cause instanceof S3Exception s3 && s3.statusCode() == 404) {
            var missing = new NoSuchFileException(key);
            missing.initCause(cause);
            return missing;
        }
        if (cause instanceof IOException io) {
            return io;
        }
        if (Thread.currentThread().isInterrupted()) {
            var interrupted = new InterruptedIOException("interrupted during " + action + " of " + key);
            interrupted.initCause(cause);
            return interrupted;
        }
        return new IOException("Could not " + action + " " + key + " in " + location() + ": " + cause.getMessage(),
                cause);
    }

    @Override
    public void destroy() {
        presigner.close();
        uploads.close();
        client.close();
        credentials.close();
    }

    /**
     * The multipart client announces the object's total size on CompleteMultipartUpload
     * ({@code x-amz-mp-object-size}), a header AWS added in 2024 that S3 merely checks and that compatible servers
     * which refuse unknown {@code x-amz-*} headers (s3proxy) answer with 501. Dropped before signing; the upload
     * is the same without it.
     */
    private static final class WithoutObjectSizeHint implements ExecutionInterceptor {
        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context,
                ExecutionAttributes executionAttributes) {
            SdkHttpRequest request = context.httpRequest();
            return request.firstMatchingHeader("x-amz-mp-object-size").isEmpty() ? request
                    : request.toBuilder().removeHeader("x-amz-mp-object-size").build();
        }
    }

}
