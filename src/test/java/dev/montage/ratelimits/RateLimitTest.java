package dev.montage.ratelimits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.montage.support.ApiClient;
import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.RawHttp;
import dev.montage.support.TestMedia;

/**
 * Tiny limits that do not refill within a test (an hour per token batch), so counts are exact: 3 reads, 2 writes,
 * 1 upload per account. Each test has an account, and so buckets, of its own.
 */
@TestPropertySource(properties = {"montage.rate-limits.enabled=true",
        "montage.rate-limits.reads.requests=3", "montage.rate-limits.reads.period=1h",
        "montage.rate-limits.reads.burst=3",
        "montage.rate-limits.writes.requests=2", "montage.rate-limits.writes.period=1h",
        "montage.rate-limits.writes.burst=2",
        "montage.rate-limits.uploads.requests=1", "montage.rate-limits.uploads.period=1h",
        "montage.rate-limits.uploads.burst=1"})
class RateLimitTest extends ApiTest {

    @Test
    void theReadBeyondTheLimitIsAnswered429WithTheEnvelopeAndRetryAfter() {
        for (int i = 0; i < 3; i++) {
            Response within = api.get("/v2/rooms");
            assertThat(within.status()).as("read %d: %s", i + 1, within).isEqualTo(200);
            assertThat(within.headers()).as("a client within the limit sees no new header")
                    .doesNotContainKey("retry-after");
        }

        Response beyond = api.get("/v2/rooms");

        assertThat(beyond.status()).as("%s", beyond).isEqualTo(429);
        assertThat(beyond.error().path("code").asString()).isEqualTo("10011");
        assertThat(beyond.error().path("title").asString()).isEqualTo("Too many requests");
        assertThat(beyond.error().path("detail").asString()).contains("reads");
        // one token of 3 per hour comes back after 20 minutes
        assertThat(Long.parseLong(beyond.headers().get("retry-after"))).isBetween(1L, 1200L);
        assertThat(beyond.headers().get("content-type")).startsWith("application/json");
    }

    @Test
    void readsUsedUpDoNotBlockWritesNorWritesUploads() {
        useUp("reads", () -> api.get("/v2/rooms"));

        assertThat(api.post("/v2/rooms", "{}").status()).isEqualTo(201);
        assertThat(api.post("/v2/rooms", "{}").status()).isEqualTo(201);
        Response thirdWrite = api.post("/v2/rooms", "{}");
        assertThat(thirdWrite.status()).as("%s", thirdWrite).isEqualTo(429);
        assertThat(thirdWrite.error().path("detail").asString()).contains("writes");

        Response upload = uploadOne(api);
        assertThat(upload.status()).as("the upload has its own bucket: %s", upload).isEqualTo(201);
        Response secondUpload = uploadOne(api);
        assertThat(secondUpload.status()).as("%s", secondUpload).isEqualTo(429);
        assertThat(secondUpload.error().path("detail").asString()).contains("uploads");
        assertThat(secondUpload.headers()).containsKey("retry-after");
    }

    /** The composition preview creates nothing: it takes a read, never one of the writes that create. */
    @Test
    void aCompositionPreviewCountsAsARead() {
        useUp("writes", () -> api.post("/v2/rooms", "{}"));

        for (int i = 0; i < 3; i++) {
            Response preview = api.post("/v2/room_compositions/preview", "{}");
            assertThat(preview.status()).as("preview %d, refused for its body, not its bucket: %s", i + 1, preview)
                    .isEqualTo(422);
        }
        Response beyond = api.post("/v2/room_compositions/preview", "{}");
        assertThat(beyond.status()).as("%s", beyond).isEqualTo(429);
        assertThat(beyond.error().path("detail").asString()).contains("reads");
    }

    @Test
    void twoAccountsHaveBucketsOfTheirOwn() {
        useUp("reads", () -> api.get("/v2/rooms"));
        ApiClient other = newAccountClient();

        for (int i = 0; i < 3; i++) {
            assertThat(other.get("/v2/rooms").status()).as("the other account's read %d", i + 1).isEqualTo(200);
        }
        assertThat(api.get("/v2/rooms").status()).isEqualTo(429);
    }

    /** The health probe and signed download links are not counted against a key, even when one is sent. */
    @Test
    void publicRoutesAndRequestsWithoutAValidKeyAreNotLimited() {
        useUp("reads", () -> api.get("/v2/rooms"));

        String media = "/v2/room_compositions/" + UUID.randomUUID() + "/media?expires=1&signature=AAAA";
        for (int i = 0; i < 5; i++) {
            assertThat(api.get("/actuator/health").status()).as("health %d", i + 1).isEqualTo(200);
            assertThat(api.get(media).status()).as("media link %d", i + 1).isEqualTo(403);
            assertThat(api.withKey(null).get("/v2/rooms").status()).as("no key %d", i + 1).isEqualTo(401);
            assertThat(api.withKey("KEYunknown").get("/v2/rooms").status()).isEqualTo(401);
        }
        assertThat(RawHttp.to(port).send("GET", "/actuator/health/liveness").status()).isEqualTo(200);
    }

    private static void useUp(String bucket, Supplier<Response> request) {
        for (int i = 0; i < 10; i++) {
            if (request.get().status() == 429) {
                return;
            }
        }
        throw new AssertionError("the " + bucket + " bucket was never used up");
    }

    private static Response uploadOne(ApiClient client) {
        return client.upload("/v2/room_recordings", TestMedia.audioOnly(440, 1), "a.webm",
                Map.of("started_at", "2024-05-01T10:00:00Z"));
    }
}
