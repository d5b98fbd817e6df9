package dev.montage.ratelimits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;

/** Two reads a second: a bucket used up fills again, and the account's reads pass once more. */
@TestPropertySource(properties = {"montage.rate-limits.enabled=true",
        "montage.rate-limits.reads.requests=2", "montage.rate-limits.reads.period=1s",
        "montage.rate-limits.reads.burst=2"})
class RateLimitRefillTest extends ApiTest {

    @Test
    void readsPassAgainOnceTheBucketRefills() {
        Response refused = null;
        for (int i = 0; i < 50 && refused == null; i++) {
            Response response = api.get("/v2/rooms");
            if (response.status() == 429) {
                refused = response;
            }
        }
        assertThat(refused).as("50 reads in a row at 2 per second meet the limit").isNotNull();
        assertThat(refused.headers().get("retry-after")).isEqualTo("1");

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/v2/rooms").status() == 200);
    }
}
