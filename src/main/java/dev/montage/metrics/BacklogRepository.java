package dev.montage.metrics;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads the backlog of a db-scheduler queue table ({@code scheduled_tasks}, {@code webhook_tasks}): no tenant data,
 * only how much waits. db-scheduler owns the tables' writes.
 */
@Repository
class BacklogRepository {

    /** The executions of one task that are due and not picked, and the earliest due time among them. */
    record Waiting(long count, Instant oldestDue) {
    }

    private final JdbcClient jdbc;

    BacklogRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Per task name, what waits in {@code table} at {@code now}; a task with nothing waiting is absent. */
    Map<String, Waiting> waiting(String table, Instant now) {
        Map<String, Waiting> waiting = new HashMap<>();
        // the table name is a checked plain identifier (JobQueue); the instant is a parameter
        jdbc.sql("""
                select task_name, count(*) as waiting, min(execution_time) as oldest_due
                from %s
                where picked = false and execution_time <= :now
                group by task_name""".formatted(table))
                .param("now", now.atOffset(ZoneOffset.UTC))
                .query(rs -> {
                    waiting.put(rs.getString("task_name"), new Waiting(rs.getLong("waiting"),
                            rs.getObject("oldest_due", OffsetDateTime.class).toInstant()));
                });
        return waiting;
    }
}
