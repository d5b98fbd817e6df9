package dev.montage.webhooks;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before attempt {@code n} at the same URL: the base delay doubled for each attempt after
 * the second, then shortened by a random share of up to half ("equal jitter"), so receivers that failed
 * together are not all retried in the same instant. Capped at {@link #MAX_DELAY}.
 *
 * <pre>base 1 s: attempt 2 after 0.5–1 s, attempt 3 after 1–2 s, attempt 4 after 2–4 s, ...</pre>
 */
record RetryPolicy(Duration baseDelay, DoubleSupplier random) {

    static final Duration MAX_DELAY = Duration.ofHours(1);

    /** The wait before attempt {@code attempt} (2 or more) at the URL whose previous attempt just failed. */
    Duration delayBefore(int attempt) {
        if (attempt < 2) {
            throw new IllegalArgumentException("the first attempt is not a retry: " + attempt);
        }
        long cap = MAX_DELAY.toMillis();
        long full = Math.min(baseDelay.toMillis(), cap);
        for (int n = 3; n <= attempt && full < cap; n++) {
            full = Math.min(full * 2, cap);
        }
        return Duration.ofMillis(full - (long) (full / 2.0 * random.getAsDouble()));
    }
}
