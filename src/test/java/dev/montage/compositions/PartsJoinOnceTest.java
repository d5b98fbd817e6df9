package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.montage.support.ApiTest;
import dev.montage.support.TestMedia;

/**
 * The last two parts of a composition finish at the same moment, on two threads (as on two nodes: each completes in
 * a transaction of its own): the join is scheduled exactly once. Without the segmentation's lock each would count the
 * other's part as not done yet, and none would schedule it; without the claim, both could. Many rounds, so the two
 * really meet. The queue does not run here, so the join's execution stays where it can be counted.
 */
@TestPropertySource(properties = "montage.jobs.auto-start=false")
class PartsJoinOnceTest extends ApiTest {

    private static final int ROUNDS = 30;

    @Autowired
    CompositionParts parts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void twoLastPartsDoneAtOnceScheduleOneJoin() throws Exception {
        String session = upload(api, TestMedia.webm("red", 440, 1), Map.of("started_at", "2024-05-01T10:00:00Z"))
                .path(0).path("session_id").asString();
        UUID id = UUID.fromString(api.post("/v2/room_compositions", """
                {"session_id": "%s"}""".formatted(session)).data().path("id").asString());
        UUID account = jdbc.sql("select account_id from compositions where id = :id").param("id", id)
                .query(UUID.class).single();
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                twoPartsLeft(id);
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<Boolean>> done = List.of("part-0", "part-1").stream()
                        .map(part -> nodes.submit(() -> {
                            together.await();
                            return parts.complete(account, id, part, "compositions/parts/" + id + "/" + part, "node-" + part);
                        }))
                        .toList();
                for (Future<Boolean> each : done) {
                    assertThat(each.get()).as("round %d: each part completes", round).isTrue();
                }
                assertThat(joinExecutions(id)).as("round %d: join executions", round).isEqualTo(1);
            }
        } finally {
            nodes.shutdownNow();
        }
    }

    /** A fresh segmentation of the composition with two parts, neither done, and no join scheduled. */
    private void twoPartsLeft(UUID id) {
        jdbc.sql("delete from scheduled_tasks where task_name = :task").param("task",
                CompositionParts.JOIN_TASK.getTaskName()).update();
        jdbc.sql("delete from composition_segmentations where composition_id = :id").param("id", id).update();
        jdbc.sql("""
                insert into composition_segmentations (composition_id, plan, recording_ids, join_scheduled, created_at)
                values (:id, '{}', '[]', false, :now)
                """).param("id", id).param("now", OffsetDateTime.now(ZoneOffset.UTC)).update();
        for (String part : List.of("part-0", "part-1")) {
            jdbc.sql("""
                    insert into composition_parts (composition_id, part_name, start_millis, end_millis, weight_millis,
                                                   done, progress_percent)
                    values (:id, :part, 0, 1000, 1000, false, 0)
                    """).param("id", id).param("part", part).update();
        }
    }

    private int joinExecutions(UUID id) {
        return jdbc.sql("select count(*) from scheduled_tasks where task_name = :task and task_instance = :id")
                .param("task", CompositionParts.JOIN_TASK.getTaskName()).param("id", id.toString())
                .query(Integer.class).single();
    }
}
