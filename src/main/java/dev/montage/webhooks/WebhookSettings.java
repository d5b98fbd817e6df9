package dev.montage.webhooks;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code montage.webhooks.*} settings, read once.
 *
 * @param attempts            attempts per URL: the primary gets this many, then the failover as many
 * @param baseDelay           the wait before the second attempt; each further one doubles it (with jitter)
 * @param defaultTimeout      per attempt, when the resource's {@code webhook_timeout_secs} is null or 0
 * @param concurrency         deliveries one node runs at once
 * @param pollingInterval     how late a due retry may start at most
 * @param allowPrivateTargets whether URLs resolving to loopback, private, link-local or multicast addresses
 *                            are delivered to (tests, or an installation on a private network)
 */
record WebhookSettings(int attempts, Duration baseDelay, Duration defaultTimeout, int concurrency,
        Duration pollingInterval, boolean allowPrivateTargets, boolean autoStart) {

    WebhookSettings {
        if (attempts < 1) {
            throw new IllegalArgumentException("montage.webhooks.attempts must be at least 1, not " + attempts);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("montage.webhooks.concurrency must be at least 1, not " + concurrency);
        }
        if (baseDelay.isNegative() || defaultTimeout.isNegative() || defaultTimeout.isZero()) {
            throw new IllegalArgumentException("montage.webhooks.base-delay must be >= 0 and default-timeout > 0: "
                    + baseDelay + ", " + defaultTimeout);
        }
    }

    @Configuration
    static class Binding {
        @Bean
        WebhookSettings webhookSettings(
                @Value("${montage.webhooks.attempts:3}") int attempts,
                @Value("${montage.webhooks.base-delay:1s}") Duration baseDelay,
                @Value("${montage.webhooks.default-timeout:2s}") Duration defaultTimeout,
                @Value("${montage.webhooks.concurrency:4}") int concurrency,
                @Value("${montage.webhooks.polling-interval:1s}") Duration pollingInterval,
                @Value("${montage.webhooks.allow-private-targets:false}") boolean allowPrivateTargets,
                @Value("${montage.webhooks.auto-start:${montage.jobs.auto-start:true}}") boolean autoStart) {
            return new WebhookSettings(attempts, baseDelay, defaultTimeout, concurrency, pollingInterval,
                    allowPrivateTargets, autoStart);
        }
    }
}
