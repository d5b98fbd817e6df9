package dev.montage.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.montage.health.LoggedHealthIndicator;

/**
 * Readiness of the job queues ({@code jobQueues}): every queue this node is meant to run has a scheduler that is
 * picking executions. A queue the node does not run (the composition queue without the worker role, or any queue
 * with its auto-start off) is no reason to refuse traffic: other nodes run it.
 *
 * <p>Our own indicator rather than db-scheduler's Spring Boot starter's: the starter builds one scheduler of its
 * own, and Montage builds one per queue from db-scheduler's core ({@link JobQueues}).
 */
final class JobQueuesHealthIndicator extends LoggedHealthIndicator {

    private final JobQueues queues;

    JobQueuesHealthIndicator(JobQueues queues) {
        super("jobQueues");
        this.queues = queues;
    }

    @Override
    protected Optional<String> problem(Map<String, Object> details) {
        List<String> stopped = new ArrayList<>();
        for (SchedulerLifecycle queue : queues.lifecycles()) {
            if (!queue.isAutoStartup()) {
                details.put(queue.queueName(), "not run on this node");
            } else if (queue.isPickingExecutions()) {
                details.put(queue.queueName(), "running");
            } else {
                details.put(queue.queueName(), "stopped");
                stopped.add(queue.queueName());
            }
        }
        return stopped.isEmpty() ? Optional.empty()
                : Optional.of("the scheduler of queue " + String.join(", ", stopped) + " is not running");
    }
}
