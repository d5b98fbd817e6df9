package dev.montage.jobs;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;

/**
 * Builds the client and the scheduler of any {@link JobQueue} alike: on the application's database, with the
 * node's heartbeat settings and shutdown grace, so every queue is cluster-safe and stops in the same way.
 *
 * <p>Both reach the database through a transaction-aware proxy and never commit themselves: an execution
 * scheduled inside a service transaction is stored, or rolled back, together with the rows it works on.
 *
 * <p>Stopping a scheduler (db-scheduler 16.7.1, {@code Scheduler.stop()}): it picks nothing more (a fetched
 * execution not yet picked is skipped), waits up to the grace for running executions, then interrupts their
 * threads and waits up to the grace once more; heartbeats go on until then. Each execution still ends through
 * its task's completion or failure handler on its own thread, with the database still open: that is where a
 * job cut short gives itself back to the queue.
 */
public final class JobQueues {

    /**
     * The profile of a run that executes one command and exits ({@code create-api-key}): it may schedule
     * executions through a queue's client, but no queue runs any here, whatever {@code montage.jobs.auto-start}
     * says. A command-line run is not a node.
     */
    public static final String COMMAND_LINE_PROFILE = "command-line";

    private final DataSource dataSource;
    private final Duration heartbeatInterval;
    private final int missedHeartbeats;
    private final Duration shutdownGrace;
    private final boolean commandLine;
    /** Every queue this node built a scheduler for, for its health and its metrics. */
    private final List<JobQueue> queues = new CopyOnWriteArrayList<>();
    private final List<SchedulerLifecycle> lifecycles = new CopyOnWriteArrayList<>();

    JobQueues(DataSource dataSource, Duration heartbeatInterval, int missedHeartbeats, Duration shutdownGrace,
            boolean commandLine) {
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("montage.jobs.shutdown-grace must not be negative: " + shutdownGrace);
        }
        this.dataSource = new TransactionAwareDataSourceProxy(dataSource);
        this.heartbeatInterval = heartbeatInterval;
        this.missedHeartbeats = missedHeartbeats;
        this.shutdownGrace = shutdownGrace;
        this.commandLine = commandLine;
    }

    /**
     * Schedules and cancels executions of {@code queue}, joining the caller's transaction. It writes each
     * execution's priority, which the queue's scheduler fetches by.
     */
    public SchedulerClient client(JobQueue queue) {
        return SchedulerClient.Builder.create(dataSource, queue.tasks()).tableName(queue.table()).enablePriority()
                .build();
    }

    /** Runs {@code queue}'s executions on this node while started; never starts by itself in a command-line run. */
    public SchedulerLifecycle lifecycle(JobQueue queue, boolean autoStart) {
        SchedulerLifecycle lifecycle = new SchedulerLifecycle(queue.name(), () -> Scheduler.create(dataSource, onDemand(queue))
                .tableName(queue.table())
                // a recurring task (the idle end of sessions) runs only once it is scheduled: given here (and only
                // here: db-scheduler refuses a task known twice), its first run is written on start, and it then
                // runs on one node of the cluster at a time
                .startTasks(recurring(queue))
                // highest priority first, then the earliest due; a task that sets none gets db-scheduler's default
                .enablePriority()
                .threads(queue.threads())
                .pollingInterval(queue.pollingInterval())
                .heartbeatInterval(heartbeatInterval)
                .missedHeartbeatsLimit(missedHeartbeats)
                .commitWhenAutocommitDisabled(false)
                .schedulerName(new SchedulerName.Fixed(ManagementFactory.getRuntimeMXBean().getName() + "/"
                        + queue.name()))
                .shutdownMaxWait(shutdownGrace)
                // one line per failed run: a job handed back on shutdown is routine, and a job's own errors are
                // logged by the job with their stack trace
                .failureLogging(LogLevel.WARN, false)
                .build(), autoStart && !commandLine);
        queues.add(queue);
        lifecycles.add(lifecycle);
        return lifecycle;
    }

    /** The tasks that run when something schedules them (a composition, a delivery). */
    private static List<Task<?>> onDemand(JobQueue queue) {
        return queue.tasks().stream().filter(task -> !(task instanceof RecurringTask)).toList();
    }

    private static List<RecurringTask<?>> recurring(JobQueue queue) {
        return queue.tasks().stream().filter(RecurringTask.class::isInstance)
                .<RecurringTask<?>>map(RecurringTask.class::cast).toList();
    }

    /** The queues of this node, whether or not it runs them: each has a table that others may fill. */
    public List<JobQueue> queues() {
        return List.copyOf(queues);
    }

    /** The schedulers of this node's queues, started or not. */
    List<SchedulerLifecycle> lifecycles() {
        return List.copyOf(lifecycles);
    }
}
