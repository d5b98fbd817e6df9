package dev.montage.jobs;

import java.time.Duration;
import java.util.List;

import com.github.kagkarlsson.scheduler.task.Task;

/**
 * One durable queue: a db-scheduler table, the tasks whose executions live in it, and how many of them one
 * node runs at once. Work that must not wait behind another kind of work gets a queue of its own, so a
 * slow webhook receiver never holds a thread a composition needs, and the reverse.
 *
 * @param name            for logs and thread names
 * @param table           the table, with the columns of db-scheduler's {@code scheduled_tasks}
 * @param threads         executions running at once on one node
 * @param pollingInterval how often an idle node looks for due executions: the lateness of a due one
 */
public record JobQueue(String name, String table, List<Task<?>> tasks, int threads, Duration pollingInterval) {

    public JobQueue {
        tasks = List.copyOf(tasks);
        if (threads < 1) {
            throw new IllegalArgumentException("queue " + name + " needs at least one thread, not " + threads);
        }
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException("queue " + name + ": not a plain table name: " + table);
        }
    }
}
