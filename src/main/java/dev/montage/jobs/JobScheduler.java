package dev.montage.jobs;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.Task;

/**
 * The durable job queue: db-scheduler on the application's own database, so every node shares one queue
 * and a job whose node dies is picked up by another once its heartbeat has been missing long enough.
 *
 * <p>Both the client (which schedules) and the scheduler (which runs) reach the database through a
 * transaction-aware proxy and never commit themselves: a job scheduled inside a service transaction is stored,
 * or rolled back, together with the row it works on.
 */
@Configuration
public class JobScheduler {

    @Bean
    SchedulerClient schedulerClient(DataSource dataSource, List<Task<?>> tasks) {
        return SchedulerClient.Builder.create(new TransactionAwareDataSourceProxy(dataSource), tasks).build();
    }

    @Bean
    SchedulerLifecycle schedulerLifecycle(DataSource dataSource, List<Task<?>> tasks,
            @Value("${montage.jobs.threads:0}") int threads,
            @Value("${montage.jobs.polling-interval:1s}") Duration pollingInterval,
            @Value("${montage.jobs.heartbeat-interval:5s}") Duration heartbeatInterval,
            @Value("${montage.jobs.missed-heartbeats-limit:4}") int missedHeartbeats,
            @Value("${montage.jobs.auto-start:true}") boolean autoStart) {
        Supplier<Scheduler> scheduler = () -> Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), tasks)
                .threads(threads > 0 ? threads : defaultThreads())
                .pollingInterval(pollingInterval)
                .heartbeatInterval(heartbeatInterval)
                .missedHeartbeatsLimit(missedHeartbeats)
                .commitWhenAutocommitDisabled(false)
                .schedulerName(new SchedulerName.Fixed(ManagementFactory.getRuntimeMXBean().getName()))
                .shutdownMaxWait(Duration.ofSeconds(5))
                .build();
        return new SchedulerLifecycle(scheduler, autoStart);
    }

    /** One job per two cores: an ffmpeg encode keeps about two cores busy on its own. */
    static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /**
     * Starts a scheduler once the context (and with it Flyway's schema) is ready, and stops it first. A stopped
     * db-scheduler cannot start again, so each start builds a new one. {@code montage.jobs.auto-start=false}
     * leaves a node that serves the API but runs no jobs until {@link #start()} is called.
     */
    public static final class SchedulerLifecycle implements SmartLifecycle {
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
}
