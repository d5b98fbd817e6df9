package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.montage.support.ApiTest;
import dev.montage.support.TestMedia;

/**
 * A composition's parts rank in the queue from the priority its composition had (docs/compositions.md, "Fair share
 * of the queue"): each video part one below the one before, the audio with the first. So another account's first
 * composition (10000) comes before every part but the first of a long composition. The queue does not run here, so
 * the executions stay where their priorities can be read.
 */
@TestPropertySource(properties = {"montage.jobs.auto-start=false", "montage.compositions.segment-length=1s"})
class PartPriorityTest extends ApiTest {

    @Autowired
    CompositionParts parts;
    @Autowired
    CompositionPlanning planning;
    @Autowired
    CompositionRepository compositions;
    @Autowired
    JdbcClient jdbc;

    @Test
    void partsRankFromTheirCompositionsPriority_oneBelowTheOneBefore() {
        String session = upload(api, TestMedia.webm("red", 440, 4), Map.of("started_at", "2024-05-01T10:00:00Z"))
                .path(0).path("session_id").asString();
        UUID id = UUID.fromString(api.post("/v2/room_compositions", """
                {"session_id": "%s"}""".formatted(session)).data().path("id").asString());
        Composition composition = compositions.find(id).orElseThrow();
        CompositionPlanning.PlannedComposition planned = planning.plan(composition);

        // the account's second composition in the queue: FairShare gave it 9999
        assertThat(parts.start(composition, planned.plan(), planned.recordings(), 9999)).isTrue();

        Map<String, Integer> priorities = partPriorities(id);
        assertThat(priorities).as("a window of 1 s per second of the recording, and the audio").hasSizeGreaterThan(4)
                .containsEntry("audio", 9999);
        for (int i = 0; i < priorities.size() - 1; i++) {
            assertThat(priorities).containsEntry("part-" + i, 9999 - i);
        }
    }

    private Map<String, Integer> partPriorities(UUID id) {
        return jdbc.sql("select task_instance, priority from scheduled_tasks where task_name = :task")
                .param("task", CompositionParts.PART_TASK.getTaskName())
                .query((rs, row) -> Map.entry(rs.getString("task_instance"), rs.getInt("priority")))
                .list().stream()
                .filter(entry -> entry.getKey().startsWith(id + "/"))
                .collect(Collectors.toMap(entry -> entry.getKey().substring(entry.getKey().indexOf('/') + 1),
                        Map.Entry::getValue));
    }
}
