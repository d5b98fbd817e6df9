package dev.montage.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.OwnDatabase;
import dev.montage.support.RawHttp;
import dev.montage.support.S3TestServer;

/**
 * A node pointed at a bucket that does not exist on a real S3-compatible server starts (the bucket may come later),
 * but is not ready until the bucket is there.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class S3ReadinessTest extends ApiTest {

    /** The first probe runs ffmpeg and opens the store\'s client: slow on a loaded machine. */
    private static final int PROBE_TIMEOUT_MILLIS = 60_000;

    private static final S3TestServer S3 = S3TestServer.shared();
    /** New in every run: s3proxy's store lives as long as the test JVM. */
    private static final String BUCKET = "montage-readiness-" + UUID.randomUUID().toString().substring(0, 8);

    @DynamicPropertySource
    static void missingBucket(DynamicPropertyRegistry registry) {
        registry.add("montage.storage.type", () -> "s3");
        registry.add("montage.storage.s3.bucket", () -> BUCKET);
        registry.add("montage.storage.s3.region", () -> "us-east-1");
        registry.add("montage.storage.s3.endpoint", () -> S3.endpoint().toString());
        registry.add("montage.storage.s3.path-style-access", () -> "true");
        // its queue must not take other contexts' compositions, whose media is not in this bucket
        OwnDatabase.register(registry, "s3_readiness");
    }

    @Test
    void aMissingBucketKeepsTheNodeUnreadyUntilItExists() {
        Response missing = RawHttp.to(port).timeoutMillis(PROBE_TIMEOUT_MILLIS).send("GET", "/actuator/health/readiness");
        assertThat(missing.status()).as("%s", missing).isEqualTo(503);
        assertThat(RawHttp.to(port).send("GET", "/actuator/health/liveness").status()).isEqualTo(200);

        S3.createBucket(BUCKET);

        Response present = RawHttp.to(port).timeoutMillis(PROBE_TIMEOUT_MILLIS).send("GET", "/actuator/health/readiness");
        assertThat(present.status()).as("%s", present).isEqualTo(200);
    }
}
