package dev.montage.ratelimits;

import java.time.Duration;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code montage.rate-limits.*}: how many requests an account may make, per kind of request, on one node
 * (docs/api.md, "Rate limits"). The defaults are in application.properties.
 *
 * @param enabled whether requests are limited at all
 * @param reads GET and HEAD (and OPTIONS)
 * @param writes POST, PATCH, PUT and DELETE, uploads apart
 * @param uploads {@code POST /v2/room_recordings}
 */
@ConfigurationProperties("montage.rate-limits")
public record RateLimitSettings(boolean enabled, Limit reads, Limit writes, Limit uploads) {

    public RateLimitSettings {
        Objects.requireNonNull(reads, "montage.rate-limits.reads");
        Objects.requireNonNull(writes, "montage.rate-limits.writes");
        Objects.requireNonNull(uploads, "montage.rate-limits.uploads");
    }

    Limit of(RequestKind kind) {
        return switch (kind) {
            case READ -> reads;
            case WRITE -> writes;
            case UPLOAD -> uploads;
        };
    }

    /**
     * A token bucket: {@code requests} tokens come back every {@code period}, evenly spread over it, and at most
     * {@code burst} are kept, so a quiet client may send {@code burst} requests at once.
     *
     * @param requests requests an account may make per {@code period}, on one node
     * @param period   the time in which {@code requests} tokens come back
     * @param burst    the most requests an account may make at once, after a quiet while; at least {@code requests}
     */
    public record Limit(long requests, Duration period, long burst) {

        public Limit {
            Objects.requireNonNull(period, "period");
            if (requests < 1) {
                throw new IllegalArgumentException("requests must be at least 1, not " + requests);
            }
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("period must be positive, not " + period);
            }
            if (burst < requests) {
                throw new IllegalArgumentException("burst (" + burst + ") must be at least requests (" + requests
                        + ")");
            }
        }

        /** How long an emptied bucket takes to fill again: after that it is as good as a new one. */
        Duration timeToFill() {
            return period.multipliedBy(burst).dividedBy(requests).plus(period);
        }
    }
}
