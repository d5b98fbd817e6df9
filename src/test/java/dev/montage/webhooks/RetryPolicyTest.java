package dev.montage.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    /** The base doubles per retry; jitter takes off up to half: random 0 → the full delay, near 1 → about half. */
    @ParameterizedTest(name = "attempt {0}: {1} ms with no jitter, {2} ms with the most")
    @CsvSource({"2, 1000, 500", "3, 2000, 1000", "4, 4000, 2000", "5, 8000, 4000"})
    void doublesPerAttemptWithUpToHalfTakenOff(int attempt, long longest, long shortest) {
        assertThat(policy(0.0).delayBefore(attempt)).isEqualTo(Duration.ofMillis(longest));
        assertThat(policy(0.5).delayBefore(attempt)).isEqualTo(Duration.ofMillis(longest * 3 / 4));
        assertThat(policy(0.999999).delayBefore(attempt).toMillis()).isBetween(shortest, shortest + 1);
    }

    @Test
    void isCappedAtAnHour() {
        assertThat(policy(0.0).delayBefore(40)).isEqualTo(RetryPolicy.MAX_DELAY);
        assertThat(policy(0.0).delayBefore(Integer.MAX_VALUE)).isEqualTo(RetryPolicy.MAX_DELAY);
    }

    @Test
    void theFirstAttemptIsNoRetry() {
        assertThatThrownBy(() -> policy(0).delayBefore(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1");
    }

    private static RetryPolicy policy(double random) {
        return new RetryPolicy(Duration.ofSeconds(1), () -> random);
    }
}
