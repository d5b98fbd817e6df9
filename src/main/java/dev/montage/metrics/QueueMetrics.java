package dev.montage.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import com.github.kagkarlsson.scheduler.task.Task;

import dev.montage.jobs.JobQueue;
import dev.montage.jobs.JobQueues;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The backlog of each queue, per task, as the whole cluster sees it (the tables are shared):
 * <ul>
 * <li>{@code montage.queue.depth} (gauge): executions due and not picked by any node;
 * <li>{@code montage.queue.oldest.age} (gauge, seconds): how long the longest-waiting of them has been due.
 * </ul>
 * Tags {@code queue} (compositions, webhooks) and {@code task}. Read at scrape time with one grouped query per
 * table (on the execution-time index), kept for {@link #FRESH_FOR} so the gauges of one scrape share it. A
 * composition waiting for its account's rendering slot is due and not picked too: it counts, as it waits.
 */
@Component
class QueueMetrics implements SmartInitializingSingleton {

    static final Duration FRESH_FOR = Duration.ofSeconds(2);
    static final Duration UNKNOWN_FOR = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(QueueMetrics.class);

    private final JobQueues queues;
    private final BacklogRepository backlog;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, Backlog> backlogs = new ConcurrentHashMap<>();

    QueueMetrics(JobQueues queues, BacklogRepository backlog, MeterRegistry registry, Clock clock) {
        this.queues = queues;
        this.backlog = backlog;
        this.registry = registry;
        this.clock = clock;
    }

    /** Once every queue is built: each registers itself with {@link JobQueues} when its feature's bean is made. */
    @Override
    public void afterSingletonsInstantiated() {
        for (JobQueue queue : queues.queues()) {
            for (Task<?> task : queue.tasks()) {
                String name = task.getName();
                Gauge.builder("montage.queue.depth", () -> waiting(queue).depth(name))
                        .description("Executions due and not yet picked by any node")
                        .tag("queue", queue.name()).tag("task", name)
                        .register(registry);
                Gauge.builder("montage.queue.oldest.age", () -> waiting(queue).oldestAgeSeconds(name))
                        .description("How long the longest-waiting due execution has waited")
                        .tag("queue", queue.name()).tag("task", name)
                        .baseUnit("seconds")
                        .register(registry);
            }
        }
    }

    /**
     * The queue's backlog, read again when the last reading is older than {@link #FRESH_FOR}, or than
     * {@link #UNKNOWN_FOR} when the database did not answer: a scrape during an outage waits for the pool's timeout
     * once, not on every scrape. Read outside the map's lock, so one slow read holds up no other queue's gauges.
     */
    private Backlog waiting(JobQueue queue) {
        Instant now = clock.instant();
        Backlog last = backlogs.get(queue.table());
        if (last != null && now.isBefore(last.readAt().plus(last.unknown() ? UNKNOWN_FOR : FRESH_FOR))) {
            return last;
        }
        Backlog read = read(queue.table(), now);
        backlogs.put(queue.table(), read);
        return read;
    }

    private Backlog read(String table, Instant now) {
        try {
            Map<String, BacklogRepository.Waiting> waiting = backlog.waiting(table, now);
            Map<String, Long> depth = new HashMap<>();
            Map<String, Double> oldestAge = new HashMap<>();
            waiting.forEach((task, w) -> {
                depth.put(task, w.count());
                oldestAge.put(task, Math.max(0, Duration.between(w.oldestDue(), now).toMillis() / 1000.0));
            });
            return new Backlog(now, depth, oldestAge, false);
        } catch (DataAccessException e) {
            log.debug("Could not read the backlog of {}", table, e);
            return new Backlog(now, Map.of(), Map.of(), true);
        }
    }

    /** One reading of a table; unknown when the database did not answer (the gauges then show NaN). */
    private record Backlog(Instant readAt, Map<String, Long> depth, Map<String, Double> oldestAge, boolean unknown) {

        double depth(String task) {
            return unknown ? Double.NaN : depth.getOrDefault(task, 0L);
        }

        double oldestAgeSeconds(String task) {
            return unknown ? Double.NaN : oldestAge.getOrDefault(task, 0.0);
        }
    }
}
