package dev.montage.jobs;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;

/**
 * Builds the client and the scheduler of any {@link JobQueue} alike: on the application's database, with the
 * node's heartbeat settings, so every queue is cluster-safe in the same way.
 *
 * <p>Both reach the database through a transaction-aware proxy and never commit themselves: an execution
 * scheduled inside a service transaction is stored, or rolled back, together with the rows it works on.
 */
public final class JobQueues {

    private final DataSource dataSource;
    private final Duration heartbeatInterval;
    private final int missedHeartbeats;

    JobQueues(DataSource dataSource, Duration heartbeatInterval, int missedHeartbeats) {
        this.dataSource = new TransactionAwareDataSourceProxy(dataSource);
        this.heartbeatInterval = heartbeatInterval;
        this.missedHeartbeats = missedHeartbeats;
    }

    /** Schedules and cancels executions of {@code queue}, joining the caller's transaction. */
    public SchedulerClient client(JobQueue queue) {
        return SchedulerClient.Builder.create(dataSource, queue.tasks()).tableName(queue.table()).build();
    }

    /** Runs {@code queue}'s executions on this node while started. */
    public SchedulerLifecycle lifecycle(JobQueue queue, boolean autoStart) {
        return new SchedulerLifecycle(() -> Scheduler.create(dataSource, queue.tasks())
                .tableName(queue.table())
                .threads(queue.threads())
                .pollingInterval(queue.pollingInterval())
                .heartbeatInterval(heartbeatInterval)
                .missedHeartbeatsLimit(missedHeartbeats)
                .commitWhenAutocommitDisabled(false)
                .schedulerName(new SchedulerName.Fixed(ManagementFactory.getRuntimeMXBean().getName() + "/"
                        + queue.name()))
                .shutdownMaxWait(Duration.ofSeconds(5))
                .build(), autoStart);
    }
}
