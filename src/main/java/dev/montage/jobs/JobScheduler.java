package dev.montage.jobs;

import java.util.List;

import javax.sql.DataSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.Task;

import dev.montage.node.NodeRoles;

/**
 * The durable job queues: db-scheduler on the application's own database, so every node shares them and an
 * execution whose node dies is picked up by another once its heartbeat has been missing long enough.
 *
 * <p>The composition queue ({@code scheduled_tasks}) runs every {@link Task} bean; a feature whose work must
 * not compete with compositions for threads (webhook delivery) builds a {@link JobQueue} of its own through
 * {@link JobQueues} and keeps its tasks out of the bean list.
 */
@Configuration
@EnableConfigurationProperties(JobSettings.class)
public class JobScheduler {

    @Bean
    JobQueues jobQueues(DataSource dataSource, JobSettings settings, Environment environment) {
        return new JobQueues(dataSource, settings.heartbeatInterval(), settings.missedHeartbeatsLimit(),
                settings.shutdownGrace(), environment.matchesProfiles(JobQueues.COMMAND_LINE_PROFILE));
    }

    @Bean
    JobQueue compositionQueue(List<Task<?>> tasks, JobSettings settings) {
        int threads = settings.threads();
        return new JobQueue("compositions", "scheduled_tasks", tasks, threads > 0 ? threads : defaultThreads(),
                settings.pollingInterval());
    }

    @Bean
    SchedulerClient schedulerClient(JobQueues queues, JobQueue compositionQueue) {
        return queues.client(compositionQueue);
    }

    /**
     * Runs compositions on a node with the worker role only: a node with just the api role schedules them through
     * the {@link SchedulerClient} above and never starts ffmpeg.
     */
    @Bean
    SchedulerLifecycle schedulerLifecycle(JobQueues queues, JobQueue compositionQueue, NodeRoles roles,
            JobSettings settings) {
        return queues.lifecycle(compositionQueue, settings.autoStart() && roles.worker());
    }

    /** The queues' part of readiness: {@code /actuator/health/readiness} component {@code jobQueues}. */
    @Bean
    JobQueuesHealthIndicator jobQueuesHealthIndicator(JobQueues queues) {
        return new JobQueuesHealthIndicator(queues);
    }

    /** One job per two cores: an ffmpeg encode keeps about two cores busy on its own. */
    static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }
}
