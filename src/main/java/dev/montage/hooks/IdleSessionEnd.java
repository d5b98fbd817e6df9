package dev.montage.hooks;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

/** The recurring task that ends idle sessions: db-scheduler runs it on one node of the cluster at a time. */
@Configuration
@EnableConfigurationProperties(HookSettings.class)
class IdleSessionEnd {

    static final String TASK_NAME = "end-idle-sessions";

    @Bean
    RecurringTask<Void> endIdleSessionsTask(HookSettings settings, IdleSessions idle) {
        return Tasks.recurring(TASK_NAME, FixedDelay.of(settings.idleCheckInterval()))
                .execute((instance, context) -> idle.endIdle());
    }
}
