package dev.montage.metrics;

import java.time.Duration;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.montage.compositions.CompositionEnded;
import dev.montage.compositions.CompositionStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Renders by how they ended, and how long they took, from each {@link CompositionEnded} of this node:
 * <ul>
 * <li>{@code montage.compositions.ended} (counter, tag {@code status}: completed, failed);
 * <li>{@code montage.composition.wall.time} (timer with histogram buckets, tag {@code status});
 * <li>{@code montage.composition.realtime.factor} (wall time over media duration, completed ones only, histogram
 * buckets): below 1 renders faster than the media plays; a factor that creeps up says the nodes are overloaded.
 * </ul>
 */
@Component
class CompositionMetrics {

    /** From a few seconds of media on an idle node to hours of it behind a long queue of work. */
    private static final Duration[] WALL_TIME_BUCKETS = {Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
            Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1),
            Duration.ofHours(2), Duration.ofHours(4)};
    private static final double[] FACTOR_BUCKETS = {0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10};

    private final MeterRegistry registry;
    private final DistributionSummary realtimeFactor;

    CompositionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.realtimeFactor = DistributionSummary.builder("montage.composition.realtime.factor")
                .description("Render wall time over the media duration of completed compositions")
                .serviceLevelObjectives(FACTOR_BUCKETS)
                .register(registry);
        for (CompositionStatus status : new CompositionStatus[] {CompositionStatus.COMPLETED,
                CompositionStatus.FAILED}) {
            ended(status); // every series from the start, so a rate over it is defined before the first render
            wallTime(status);
        }
    }

    @EventListener
    void on(CompositionEnded ended) {
        ended(ended.status()).increment();
        wallTime(ended.status()).record(ended.wallTime());
        ended.mediaDuration().filter(media -> media.toMillis() > 0).ifPresent(media -> realtimeFactor
                .record((double) ended.wallTime().toNanos() / media.toNanos()));
    }

    private Counter ended(CompositionStatus status) {
        return Counter.builder("montage.compositions.ended")
                .description("Compositions that reached a final status on this node")
                .tag("status", status.wireName())
                .register(registry);
    }

    private Timer wallTime(CompositionStatus status) {
        return Timer.builder("montage.composition.wall.time")
                .description("From the start of a composition's render run to its final status")
                .tag("status", status.wireName())
                .serviceLevelObjectives(WALL_TIME_BUCKETS)
                .register(registry);
    }
}
