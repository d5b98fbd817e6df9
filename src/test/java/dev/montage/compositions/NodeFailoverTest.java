package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.montage.jobs.SchedulerLifecycle;
import dev.montage.support.ApiTest;
import dev.montage.support.Frames;
import dev.montage.support.MediaFacts;
import dev.montage.support.Rgb;
import tools.jackson.databind.JsonNode;

/**
 * A node that dies mid-job loses nothing. This node starts with its job scheduler stopped; the test then
 * leaves in the queue exactly what a node killed while composing leaves behind — the execution picked by that
 * node, its heartbeat stopped, the composition at some percent — and starts the scheduler. db-scheduler must
 * declare the execution dead and run it again here, to the same result as an undisturbed run.
 */
@TestPropertySource(properties = {"montage.jobs.auto-start=false", "montage.jobs.heartbeat-interval=1s",
        "montage.jobs.missed-heartbeats-limit=4"})
class NodeFailoverTest extends ApiTest {

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private SchedulerLifecycle scheduler;

    @Value("${montage.data-dir}/work")
    private Path workRoot;

    @Autowired
    private CompositionJob job;

    @Test
    void aJobLeftByADeadNodeIsRunAgainAndGivesTheSameResult() throws Exception {
        TwoParticipantSession session = twoParticipantSession(api);
        String body = "{\"session_id\": \"" + session.sessionId() + "\", \"resolution\": \"320x120\"}";
        String orphaned = api.post("/v2/room_compositions", body).data().path("id").asString();

        int picked = jdbc.sql("""
                update scheduled_tasks set picked = true, picked_by = 'node-that-died', last_heartbeat = :heartbeat,
                                           version = version + 1
                 where task_name = :task and task_instance = :id and not picked
                """)
                .param("heartbeat", Instant.now().minusSeconds(600).atOffset(ZoneOffset.UTC))
                .param("task", CompositionJob.TASK_NAME)
                .param("id", orphaned)
                .update();
        assertThat(picked).as("the job was waiting in the queue").isEqualTo(1);
        jdbc.sql("update compositions set status = 'processing', progress_percent = 37 where id = :id")
                .param("id", UUID.fromString(orphaned)).update();
        assertThat(api.get("/v2/room_compositions/" + orphaned).data().path("progress_percent").asInt()).isEqualTo(37);

        // and what its ffmpeg had written before it died
        Path leftBehind = Files.createDirectories(workRoot.resolve(orphaned + "-4242")).resolve("composition.mp4");
        Files.write(leftBehind, new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p'});

        scheduler.start();
        JsonNode recovered = awaitFinished(api, orphaned, 90);
        assertThat(leftBehind.getParent()).as("the dead run's working folder").doesNotExist();
        String undisturbed = api.post("/v2/room_compositions", body).data().path("id").asString();
        JsonNode reference = awaitFinished(api, undisturbed, 60);

        assertThat(recovered.path("status").asString()).isEqualTo("completed");
        assertThat(recovered.path("progress_percent").asInt()).isEqualTo(100);
        assertThat(recovered.path("duration_secs")).isEqualTo(reference.path("duration_secs"));
        assertThat(recovered.path("started_at")).isEqualTo(reference.path("started_at"));
        assertThat(recovered.path("ended_at")).isEqualTo(reference.path("ended_at"));
        Path recoveredFile = download(recovered.path("download_url").asString());
        Path referenceFile = download(reference.path("download_url").asString());
        assertThat(MediaFacts.of(recoveredFile).durationSeconds())
                .isCloseTo(MediaFacts.of(referenceFile).durationSeconds(), within(0.01));
        for (double t : new double[] {0.5, 1.5, 2.5}) {
            for (int x : new int[] {80, 240}) {
                Rgb expected = Frames.colourAt(referenceFile, t, x, 60);
                assertThat(Frames.colourAt(recoveredFile, t, x, 60).isNear(expected)).as("t=%s x=%d", t, x).isTrue();
            }
        }
        assertThat(Frames.colourAt(recoveredFile, 1.5, 80, 60).isNear(Rgb.RED)).isTrue();
        assertThat(Frames.colourAt(recoveredFile, 1.5, 240, 60).isNear(Rgb.BLUE)).isTrue();
    }

    /**
     * A node cut off from the database for longer than the dead-node threshold is taken for dead while its render
     * goes on; once the database is back, the job is revived and may be picked again by the same node (it has
     * another free thread). That second run must not disturb the first (remove its working folder, fail it): it
     * backs off, and the first completes the composition with its media.
     */
    @Test
    void aSecondRunOfAJobThisNodeIsComposingBacksOff() throws Exception {
        TwoParticipantSession session = twoParticipantSession(api);
        String id = api.post("/v2/room_compositions", "{\"session_id\": \"" + session.sessionId()
                + "\", \"resolution\": \"320x120\"}").data().path("id").asString();
        // the two runs below are the only ones: no scheduler, of this context or another in this JVM, takes it
        int queued = jdbc.sql("""
                delete from scheduled_tasks where task_name = :task and task_instance = :id and not picked
                """)
                .param("task", CompositionJob.TASK_NAME).param("id", id).update();
        assertThat(queued).as("the job was waiting in the queue").isEqualTo(1);

        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<CompletableFuture<Void>> runs = List.of(
                CompletableFuture.runAsync(() -> job.run(UUID.fromString(id), FairShare.FIRST_PRIORITY), threads),
                CompletableFuture.runAsync(() -> job.run(UUID.fromString(id), FairShare.FIRST_PRIORITY), threads));
        long backedOff = runs.stream().filter(run -> {
            try {
                run.get(60, TimeUnit.SECONDS);
                return false;
            } catch (ExecutionException e) {
                assertThat(e.getCause()).hasMessageContaining("is being composed by another thread of this node");
                return true;
            } catch (InterruptedException | TimeoutException e) {
                throw new AssertionError(e);
            }
        }).count();

        threads.shutdown();
        assertThat(backedOff).isEqualTo(1);
        JsonNode completed = api.get("/v2/room_compositions/" + id).data();
        assertThat(completed.path("status").asString()).as(completed.toString()).isEqualTo("completed");
        Path file = download(completed.path("download_url").asString());
        assertThat(MediaFacts.of(file).durationSeconds()).isGreaterThan(2.5);
    }
}
