package dev.montage.jobs;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.Task;

/**
 * The durable job queue: db-scheduler on the application's own database, so every node shares one queue
 * and a job whose node dies is picked up by another once its heartbeat has been missing long enough.
 *
 * <p>The scheduler reaches the database through a transaction-aware proxy and never commits itself: a job
 * scheduled inside a service transaction is stored, or rolled back, together with the row it works on.
 */
@Configuration
public class JobScheduler {

    @Bean
    Scheduler scheduler(DataSource dataSource, List<Task<?>> tasks,
            @Value("${montage.jobs.threads:0}") int threads,
            @Value("${montage.jobs.polling-interval:2s}") Duration pollingInterval,
            @Value("${montage.jobs.heartbeat-interval:5s}") Duration heartbeatInterval,
            @Value("${montage.jobs.missed-heartbeats-limit:4}") int missedHeartbeats) {
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), tasks)
                .threads(threads > 0 ? threads : defaultThreads())
                .pollingInterval(pollingInterval)
                .heartbeatInterval(heartbeatInterval)
                .missedHeartbeatsLimit(missedHeartbeats)
                .commitWhenAutocommitDisabled(false)
                .enableImmediateExecution()
                .schedulerName(new SchedulerName.Fixed(ManagementFactory.getRuntimeMXBean().getName()))
                .shutdownMaxWait(Duration.ofSeconds(5))
                .build();
    }

    /** One job per two cores: an ffmpeg encode keeps about two cores busy on its own. */
    static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    @Bean
    SchedulerLifecycle schedulerLifecycle(Scheduler scheduler,
            @Value("${montage.jobs.auto-start:true}") boolean autoStart) {
        return new SchedulerLifecycle(scheduler, autoStart);
    }

    /**
     * Starts the scheduler once the context (and with it Flyway's schema) is ready, and stops it first.
     * {@code montage.jobs.auto-start=false} leaves a node that serves the API but runs no jobs until
     * {@link #start()} is called.
     */
    public static final class SchedulerLifecycle implements SmartLifecycle {
        private final Scheduler scheduler;
        private final boolean autoStart;
        private volatile boolean running;

        SchedulerLifecycle(Scheduler scheduler, boolean autoStart) {
            this.scheduler = scheduler;
            this.autoStart = autoStart;
        }

        @Override
        public boolean isAutoStartup() {
            return autoStart;
        }

        @Override
        public synchronized void start() {
            if (!running) {
                scheduler.start();
                running = true;
            }
        }

        @Override
        public synchronized void stop() {
            if (running) {
                scheduler.stop();
                running = false;
            }
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }
}
