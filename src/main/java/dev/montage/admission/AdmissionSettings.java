package dev.montage.admission;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code montage.admission.*} settings (docs/api.md, "Busy nodes"): how many API requests a node runs at once,
 * and how many wait for a turn, in order of arrival.
 *
 * @param enabled       whether API requests take turns at all
 * @param maxConcurrent API requests running at once on the node; 0 sizes it from the node: two per core, at most
 *                      the database pool's size less two (see {@link #concurrency(int, int)})
 * @param maxQueued     API requests waiting for a turn at most; one more is answered 503 at once
 * @param maxWait       how long a request waits for its turn before it is answered 503
 */
@ConfigurationProperties("montage.admission")
public record AdmissionSettings(@DefaultValue("true") boolean enabled, @DefaultValue("0") int maxConcurrent,
        @DefaultValue("100") int maxQueued, @DefaultValue("10s") Duration maxWait) {

    public AdmissionSettings {
        if (maxConcurrent < 0 || maxQueued < 0) {
            throw new IllegalArgumentException("montage.admission.max-concurrent and max-queued must not be negative: "
                    + maxConcurrent + ", " + maxQueued);
        }
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("montage.admission.max-wait must be positive, not " + maxWait);
        }
    }

    /**
     * The requests to run at once: the setting, or two per core (while one waits for the database, the other
     * computes), and never more than the database pool less two, so that a request that got its turn does not then
     * queue again for a connection, and the jobs of the node keep two.
     */
    int concurrency(int cores, int poolSize) {
        if (maxConcurrent > 0) {
            return maxConcurrent;
        }
        return Math.max(1, Math.min(2 * cores, poolSize - 2));
    }
}
