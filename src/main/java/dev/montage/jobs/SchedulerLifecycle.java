package dev.montage.jobs;

import java.util.function.Supplier;

import org.springframework.context.SmartLifecycle;

import com.github.kagkarlsson.scheduler.Scheduler;

/**
 * Starts a queue's scheduler once the context (and with it Flyway's schema) is ready, and stops it first. A
 * stopped db-scheduler cannot start again, so each start builds a new one. With auto-start off a node serves
 * the API but runs none of the queue's executions until {@link #start()} is called.
 */
public final class SchedulerLifecycle implements SmartLifecycle {
    private final Supplier<Scheduler> factory;
    private final boolean autoStart;
    private Scheduler running;

    SchedulerLifecycle(Supplier<Scheduler> factory, boolean autoStart) {
        this.factory = factory;
        this.autoStart = autoStart;
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

    @Override
    public synchronized void stop() {
        if (running != null) {
            running.stop();
            running = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return running != null;
    }
}
