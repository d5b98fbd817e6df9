package dev.montage.compositions;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the render queue is shared between accounts ({@code montage.compositions.*}; docs/compositions.md, "Fair
 * share of the queue").
 *
 * @param maxRenderingPerAccount compositions of one account rendering at once, over all nodes; a job that finds its
 *                               account at the limit waits in the queue, still {@code enqueued}
 * @param maxQueuedPerAccount    compositions of one account enqueued or processing; a {@code POST} beyond answers 422
 * @param busyAccountRetry       how long a job that found its account at the rendering limit waits before it looks
 *                               again
 */
@ConfigurationProperties("montage.compositions")
record FairShareSettings(@DefaultValue("2") int maxRenderingPerAccount,
        @DefaultValue("100") int maxQueuedPerAccount, @DefaultValue("5s") Duration busyAccountRetry) {

    FairShareSettings {
        if (maxRenderingPerAccount < 1) {
            throw new IllegalArgumentException(
                    "montage.compositions.max-rendering-per-account must be at least 1, not " + maxRenderingPerAccount);
        }
        if (maxQueuedPerAccount < 1) {
            throw new IllegalArgumentException(
                    "montage.compositions.max-queued-per-account must be at least 1, not " + maxQueuedPerAccount);
        }
        if (busyAccountRetry.isNegative() || busyAccountRetry.isZero()) {
            throw new IllegalArgumentException(
                    "montage.compositions.busy-account-retry must be positive, not " + busyAccountRetry);
        }
    }
}
