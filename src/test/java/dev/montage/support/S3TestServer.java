package dev.montage.support;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real S3-compatible server in this JVM: s3proxy over jclouds' in-memory ("transient") store, on a free port of
 * 127.0.0.1, checking AWS signatures (v2 or v4) against a fixed identity. The application reaches it through the
 * AWS SDK exactly as it would reach MinIO; the test reads the bucket through jclouds, not through Montage's code.
 *
 * <pre>{@code
 * static final S3TestServer S3 = S3TestServer.shared();
 * @DynamicPropertySource static void s3(DynamicPropertyRegistry registry) { S3.configure(registry, "montage-test"); }
 * }</pre>
 */
public final class S3TestServer {

    public static final String IDENTITY = "montage-test-identity";
    public static final String CREDENTIAL = "montage-test-credential";

    private static S3TestServer shared;

    private final BlobStoreContext context;
    private final S3Proxy proxy;
    private final URI endpoint;

    private S3TestServer() throws Exception {
        Properties overrides = new Properties();
        context = ContextBuilder.newBuilder("transient").credentials("unused", "unused").overrides(overrides)
                .build(BlobStoreContext.class);
        proxy = S3Proxy.builder().blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, IDENTITY, CREDENTIAL)
                .build();
        proxy.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (!proxy.getState().equals("STARTED")) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** The one server of this test JVM, started on first use (a Spring test context may outlive any test class). */
    public static synchronized S3TestServer shared() {
        if (shared == null) {
            try {
                shared = new S3TestServer();
            } catch (Exception e) {
                throw new IllegalStateException("could not start s3proxy", e);
            }
            // the SDK's default credentials chain reads these system properties
            System.setProperty("aws.accessKeyId", IDENTITY);
            System.setProperty("aws.secretAccessKey", CREDENTIAL);
        }
        return shared;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Creates {@code bucket} if it does not exist yet. */
    public void createBucket(String bucket) {
        context.getBlobStore().createContainerInLocation(null, bucket);
    }

    /** Points the application at {@code bucket} (created here) with keys under {@code prefix}. */
    public void configure(DynamicPropertyRegistry registry, String bucket, String prefix) {
        createBucket(bucket);
        registry.add("montage.storage.type", () -> "s3");
        registry.add("montage.storage.s3.bucket", () -> bucket);
        registry.add("montage.storage.s3.prefix", () -> prefix);
        registry.add("montage.storage.s3.region", () -> "us-east-1");
        registry.add("montage.storage.s3.endpoint", () -> endpoint.toString());
        registry.add("montage.storage.s3.path-style-access", () -> "true");
    }

    /** Every key in the bucket, read through jclouds. */
    public List<String> keys(String bucket) {
        BlobStore store = context.getBlobStore();
        List<String> keys = new ArrayList<>();
        String marker = null;
        do {
            ListContainerOptions options = ListContainerOptions.Builder.recursive();
            if (marker != null) {
                options.afterMarker(marker);
            }
            var page = store.list(bucket, options);
            for (StorageMetadata metadata : page) {
                keys.add(metadata.getName());
            }
            marker = page.getNextMarker();
        } while (marker != null);
        return keys;
    }

    /** Removes an object behind the application's back. */
    public void delete(String bucket, String key) {
        context.getBlobStore().removeBlob(bucket, key);
    }

    /** The object's ETag: {@code "<md5 of the parts' md5s>-<parts>"} for a multipart upload. */
    public String etag(String bucket, String key) {
        return context.getBlobStore().blobMetadata(bucket, key).getETag();
    }

    /** The size of the object, or -1 when there is none. */
    public long size(String bucket, String key) {
        var metadata = context.getBlobStore().blobMetadata(bucket, key);
        return metadata == null ? -1 : metadata.getContentMetadata().getContentLength();
    }
}
