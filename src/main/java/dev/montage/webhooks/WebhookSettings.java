package dev.montage.webhooks;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Configuration;

import dev.montage.jobs.JobSettings;

/**
 * The {@code montage.webhooks.*} settings, read once.
 *
 * @param attempts            attempts per URL: the primary gets this many, then the failover as many
 * @param baseDelay           the wait before the second attempt; each further one doubles it (with jitter)
 * @param defaultTimeout      per attempt, when the resource's {@code webhook_timeout_secs} is null or 0
 * @param concurrency         deliveries one node runs at once, apart from compositions
 * @param pollingInterval     how late a due attempt may start at most
 * @param allowPrivateTargets whether URLs resolving to loopback, private, link-local or multicast addresses
 *                            are delivered to (tests, or an installation on a private network)
 * @param autoStart           {@code false}: this node delivers no webhooks, other nodes do (docs/deployment.md);
 *                            tests use it so that only the contexts made for webhooks deliver; unset, it follows
 *                            {@code montage.jobs.auto-start}
 * @param signingKey          base64 PKCS#8 Ed25519 private key that signs webhooks; unset, one is generated once and
 *                            kept in the database; set it ({@code MONTAGE_WEBHOOKS_SIGNING_KEY}) to keep it out of the
 *                            database
 */
@ConfigurationProperties("montage.webhooks")
record WebhookSettings(@DefaultValue("3") int attempts, @DefaultValue("1s") Duration baseDelay,
        @DefaultValue("2s") Duration defaultTimeout, @DefaultValue("4") int concurrency,
        @DefaultValue("1s") Duration pollingInterval, @DefaultValue("false") boolean allowPrivateTargets,
        Boolean autoStart, String signingKey) {

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
        signingKey = signingKey == null ? "" : signingKey;
    }

    /** Whether this node delivers webhooks by itself: {@code auto-start}, else as the job queues do. */
    boolean startsDeliveries(JobSettings jobs) {
        return autoStart == null ? jobs.autoStart() : autoStart;
    }

    @Override
    public String toString() {
        return "WebhookSettings[attempts=" + attempts + ", baseDelay=" + baseDelay + ", defaultTimeout="
                + defaultTimeout + ", concurrency=" + concurrency + ", pollingInterval=" + pollingInterval
                + ", allowPrivateTargets=" + allowPrivateTargets + ", autoStart=" + autoStart + ", signingKey="
                + (signingKey.isBlank() ? "" : "(set)") + "]"; // the key never in a log line
    }

    @Configuration
    @EnableConfigurationProperties(WebhookSettings.class)
    static class Binding {
    }
}
