package dev.montage.jobs;

import java.util.function.Supplier;

import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerState;

/**
 * Starts a queue's scheduler once the context (and with it Flyway's schema) is ready, and stops it first. A
 * stopped db-scheduler cannot start again, so each start builds a new one. With auto-start off a node serves
 * the API but runs none of the queue's executions until {@link #start()} is called.
 */
public final class SchedulerLifecycle implements SmartLifecycle {
    private final String queueName;
    private final Supplier<Scheduler> factory;
    private final boolean autoStart;
    private Scheduler running;

    SchedulerLifecycle(String queueName, Supplier<Scheduler> factory, boolean autoStart) {
        this.queueName = queueName;
        this.factory = factory;
        this.autoStart = autoStart;
    }

    /** The {@link JobQueue#name()} of the queue this runs, for the readiness details. */
    String queueName() {
        return queueName;
    }

    @Override
    public boolean isAutoStartup() {
        return autoStart;
    }

    @Override
    public synchronized void start() {
        if (running == null) {
            running = factory.get();
            running.start();
        }
    }

    /**
     * Stops the scheduler: running executions get the grace period, then are interrupted (see {@link JobQueues}).
     * It returns when they have ended, so Spring closes the database only after they gave their jobs back; Spring
     * calls this synchronously, so {@code spring.lifecycle.timeout-per-shutdown-phase} does not cut it short.
     * The lock is not held meanwhile: a request that wakes the queue must not wait for the grace.
     */
    @Override
    public void stop() {
        Scheduler stopping;
        synchronized (this) {
            stopping = running;
            running = null;
        }
        if (stopping != null) {
            stopping.stop();
        }
    }

    /**
     * Makes this node look for due executions as soon as the caller's transaction commits (at once without
     * one) instead of at its next poll, so a job scheduled here starts without the polling delay when a thread
     * is free. Does nothing while the queue is stopped; other nodes still find the job at their next poll.
     */
    public void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake();
                }
            });
        } else {
            wake();
        }
    }

    private synchronized void wake() {
        if (running != null) {
            running.triggerCheckForDueExecutions();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return running != null;
    }

    /**
     * Whether this node's scheduler of the queue is taking executions: started, not paused, not shutting down.
     * False before the start, after a stop, and on a node that does not run this queue (see {@link #isAutoStartup()}).
     */
    synchronized boolean isPickingExecutions() {
        if (running == null) {
            return false;
        }
        SchedulerState state = running.getSchedulerState();
        return state.isStarted() && !state.isPaused() && !state.isShuttingDown();
    }
}
