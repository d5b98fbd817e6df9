package dev.montage.ratelimits;

import java.time.Duration;
import java.util.stream.Stream;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.montage.api.AccountId;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * The token buckets of this node: one per account and kind of request, in memory. Limits are per node: behind a
 * load balancer that spreads an account's requests over N nodes, the account may make up to N times the limit
 * (docs/api.md). A bucket not used for as long as it takes to fill again is dropped, since a new one would be in
 * the same state; the number of buckets kept is bounded, so a flood of accounts cannot fill the heap.
 */
@Component
@EnableConfigurationProperties(RateLimitSettings.class)
public class RateLimits {

    /** Far more accounts than one node serves at once; a bucket evicted early only forgets what it counted. */
    static final long MAX_BUCKETS = 100_000;

    private final RateLimitSettings settings;
    private final Cache<Key, Bucket> buckets;

    RateLimits(RateLimitSettings settings) {
        this.settings = settings;
        Duration idle = Stream.of(RequestKind.values()).map(kind -> settings.of(kind).timeToFill())
                .max(Duration::compareTo).orElseThrow();
        this.buckets = Caffeine.newBuilder().maximumSize(MAX_BUCKETS).expireAfterAccess(idle).build();
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /** Takes a token for one request of {@code kind} by {@code account}, or tells how long until one is there. */
    ConsumptionProbe take(AccountId account, RequestKind kind) {
        return buckets.get(new Key(account, kind), key -> newBucket(settings.of(kind))).tryConsumeAndReturnRemaining(1);
    }

    private static Bucket newBucket(RateLimitSettings.Limit limit) {
        return Bucket.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.burst()).refillGreedy(limit.requests(), limit.period()))
                .build();
    }

    private record Key(AccountId account, RequestKind kind) {
    }
}
