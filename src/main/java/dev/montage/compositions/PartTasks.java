package dev.montage.compositions;

import java.util.UUID;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

/**
 * The tasks of a segmented composition, in the compositions queue: any worker runs any part, and the join. Like the
 * composition job's, an execution is removed when its run is over, released at once when a stopping node hands it
 * back, retried later after database trouble, and revived on another node when its own dies.
 */
@Configuration
class PartTasks {

    @Bean
    CustomTask<Void> renderPartTask(PartJob job) {
        return Tasks.custom(CompositionParts.PART_TASK.getTaskName(), Void.class)
                .onFailure(CompositionJob.failureHandler())
                .onDeadExecutionRevive()
                .execute((instance, context) -> {
                    job.run(instance.getId());
                    return new CompletionHandler.OnCompleteRemove<>();
                });
    }

    @Bean
    CustomTask<Void> joinPartsTask(PartsJoinJob job) {
        return Tasks.custom(CompositionParts.JOIN_TASK.getTaskName(), Void.class)
                .onFailure(CompositionJob.failureHandler())
                .onDeadExecutionRevive()
                .execute((instance, context) -> {
                    job.run(UUID.fromString(instance.getId()));
                    return new CompletionHandler.OnCompleteRemove<>();
                });
    }
}
