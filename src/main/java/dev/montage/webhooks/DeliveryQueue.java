package dev.montage.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import dev.montage.jobs.JobQueue;
import dev.montage.jobs.JobQueues;
import dev.montage.jobs.JobSettings;
import dev.montage.jobs.SchedulerLifecycle;

/**
 * The deliveries' own durable queue ({@code webhook_tasks}, {@code montage.webhooks.concurrency} threads per
 * node), so a receiver that is slow to answer occupies a delivery thread, never a composition's.
 *
 * <p>One execution per event, named by the event id. Each run makes one attempt; db-scheduler then
 * reschedules the same execution for the next attempt, or removes it when delivery is over. An execution whose
 * node died is revived on another node once its heartbeat is missing.
 */
@Component
class DeliveryQueue implements SmartLifecycle {

    static final String TASK_NAME = "deliver-webhook";
    /** When a run fails outright (the database is away), the next try; no attempt was recorded. */
    private static final Duration RETRY_AFTER_ERROR = Duration.ofSeconds(5);

    private final CustomTask<Void> task;
    private final SchedulerClient client;
    private final SchedulerLifecycle lifecycle;

    DeliveryQueue(JobQueues queues, WebhookDelivery delivery, WebhookSettings settings, JobSettings jobs) {
        this.task = Tasks.custom(TASK_NAME, Void.class)
                .onFailure((complete, operations) -> operations.reschedule(complete,
                        Instant.now().plus(RETRY_AFTER_ERROR)))
                .onDeadExecutionRevive()
                .execute((instance, context) -> {
                    Optional<Instant> next = deliverNext(delivery, UUID.fromString(instance.getId()));
                    return (complete, operations) -> next.ifPresentOrElse(
                            at -> operations.reschedule(complete, at), operations::remove);
                });
        JobQueue queue = new JobQueue("webhooks", "webhook_tasks", List.of(task), settings.concurrency(),
                settings.pollingInterval());
        this.client = queues.client(queue);
        this.lifecycle = queues.lifecycle(queue, settings.startsDeliveries(jobs));
    }

    private static Optional<Instant> deliverNext(WebhookDelivery delivery, UUID eventId) {
        try {
            return delivery.deliverNext(eventId);
        } catch (InterruptedException e) {
            // not re-set: the failure handler releases the execution on this thread, and an interrupted thread
            // may be refused the database connection it needs for that
            throw new IllegalStateException("interrupted while delivering event " + eventId, e);
        }
    }

    /** Schedules the event's first attempt, in the caller's transaction. */
    void schedule(UUID eventId, Instant at) {
        client.schedule(task.instance(eventId.toString()), at);
        lifecycle.wakeAfterCommit();
    }

    @Override
    public boolean isAutoStartup() {
        return lifecycle.isAutoStartup();
    }

    /**
     * Stops after the composition queue (a higher phase stops first): a composition that completes within the
     * shutdown grace still has its event delivered by this node. A delivery cut short by the stop is not recorded
     * as an attempt; its execution is released by the failure handler and tried again.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1;
    }

    @Override
    public void start() {
        lifecycle.start();
    }

    @Override
    public void stop() {
        lifecycle.stop();
    }

    @Override
    public boolean isRunning() {
        return lifecycle.isRunning();
    }
}
