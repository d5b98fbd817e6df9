package dev.montage.idempotency;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code montage.idempotency.*} settings (docs/api.md#idempotency-key).
 *
 * @param retention      how long a key and its stored answer are kept, counted from the key's first request; a key
 *                       older than this is a new request
 * @param inProgressWait how long a duplicate of a request still running waits for its answer before it is told 409
 * @param abandonAfter   a request that has held its key this long without an answer is taken to have died with its
 *                       node, and the next request with the key runs again
 * @param sweepInterval  expired keys are deleted by the first new key written after this much time since the last
 *                       sweep on the node
 */
@ConfigurationProperties("montage.idempotency")
public record IdempotencySettings(@DefaultValue("24h") Duration retention,
        @DefaultValue("10s") Duration inProgressWait, @DefaultValue("10m") Duration abandonAfter,
        @DefaultValue("1m") Duration sweepInterval) {

    public IdempotencySettings {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("montage.idempotency.retention must be positive, not " + retention);
        }
        if (inProgressWait.isNegative() || sweepInterval.isNegative()) {
            throw new IllegalArgumentException("montage.idempotency.in-progress-wait and sweep-interval must not be "
                    + "negative: " + inProgressWait + ", " + sweepInterval);
        }
        if (abandonAfter.isNegative() || abandonAfter.isZero()) {
            throw new IllegalArgumentException("montage.idempotency.abandon-after must be positive, not " + abandonAfter);
        }
    }
}
