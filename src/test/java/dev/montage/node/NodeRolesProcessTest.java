package dev.montage.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.montage.support.ApiClient;
import dev.montage.support.ChildDatabase;
import dev.montage.support.MontageProcess;
import dev.montage.support.TestMedia;

/**
 * {@code montage.roles} on a real node: an api-only node schedules compositions but runs no composition queue; a
 * worker-only node serves its health and no API; a wrong setting stops the start with a message that names it.
 * (The split of the work between an api and a worker node is {@link ApiAndWorkerNodesTest}.)
 */
class NodeRolesProcessTest {

    @TempDir
    Path dataDir;

    @Test
    void aWorkerOnlyNodeAnswers404OnTheApiAnd200OnItsHealth() throws Exception {
        try (ChildDatabase database = ChildDatabase.isolated(dataDir);
                MontageProcess worker = MontageProcess.startWithoutApi(dataDir, database, "--montage.roles=worker")) {
            ApiClient withKey = worker.api();
            ApiClient withoutKey = withKey.withKey(null);

            for (ApiClient client : new ApiClient[] {withKey, withoutKey}) {
                ApiClient.Response rooms = client.get("/v2/rooms");
                assertThat(rooms.status()).as(rooms.toString()).isEqualTo(404);
                assertThat(rooms.error().path("code").asString()).isEqualTo("10005");
                ApiClient.Response create = client.post("/v2/room_compositions", "{}");
                assertThat(create.status()).as(create.toString()).isEqualTo(404);
            }
            for (String probe : new String[] {"/actuator/health", "/actuator/health/liveness",
                    "/actuator/health/readiness"}) {
                ApiClient.Response health = withoutKey.get(probe);
                assertThat(health.status()).as(probe + ": " + health).isEqualTo(200);
                assertThat(health.json().path("status").asString()).isEqualTo("UP");
            }
            // a worker is scraped like any node
            ApiClient.Response scrape = withoutKey.get("/actuator/prometheus");
            assertThat(scrape.status()).as(scrape.toString()).isEqualTo(200);
            assertThat(scrape.body()).contains("montage_queue_depth{queue=\"compositions\"");
        }
    }

    /**
     * db-scheduler logs each scheduler it builds, and a queue's scheduler is built only when the queue starts: the
     * api node builds the webhook queue's and not the composition queue's. The job it scheduled is in the
     * database all the same, and the next node with the worker role renders it.
     */
    @Test
    void anApiOnlyNodeSchedulesCompositionsAndRendersNone() throws Exception {
        try (ChildDatabase database = ChildDatabase.isolated(dataDir)) {
            String id;
            try (MontageProcess api = MontageProcess.start(dataDir, database, "--montage.roles=api")) {
                id = createComposition(api.api());

                assertThat(api.log()).contains("table-name=webhook_tasks")
                        .doesNotContain("table-name=scheduled_tasks").doesNotContain("Rendering composition");
                assertThat(api.api().get("/v2/room_compositions/" + id).data().path("status").asString())
                        .isEqualTo("enqueued");
                // no composition scheduler here, and none missing: the node is ready
                ApiClient.Response readiness = api.api().withKey(null).get("/actuator/health/readiness");
                assertThat(readiness.status()).as(readiness.toString()).isEqualTo(200);
                api.terminate(Duration.ofSeconds(60));
            }
            try (MontageProcess both = MontageProcess.start(dataDir, database)) {
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                        assertThat(both.api().get("/v2/room_compositions/" + id).data().path("status").asString())
                                .isEqualTo("completed"));
                assertThat(both.log()).contains("Rendering composition " + id + " with ffmpeg");
            }
        }
    }

    private static String createComposition(ApiClient api) {
        ApiClient.Response red = api.upload("/v2/room_recordings", TestMedia.webm("red", 440, 1), "red.webm",
                Map.of("started_at", "2024-05-01T10:00:00Z"));
        assertThat(red.status()).as(red.toString()).isEqualTo(201);
        ApiClient.Response created = api.post("/v2/room_compositions", """
                {"session_id": "%s", "resolution": "320x240"}"""
                .formatted(red.data().path(0).path("session_id").asString()));
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        return created.data().path("id").asString();
    }

    @Test
    void anUnknownRoleStopsTheStartWithAClearMessage() throws Exception {
        try (ChildDatabase database = ChildDatabase.isolated(dataDir)) {
            MontageProcess.Finished refused = MontageProcess.startRefused(dataDir, database,
                    "--montage.roles=api,wroker");

            assertThat(refused.exitCode()).as(refused.output()).isNotZero();
            assertThat(refused.output()).contains("APPLICATION FAILED TO START")
                    .contains("montage.roles=api,wroker: unknown role wroker")
                    .contains("Set montage.roles (MONTAGE_ROLES) to api, worker or api,worker");
        }
    }

    @Test
    void anEmptyListOfRolesStopsTheStart() throws Exception {
        try (ChildDatabase database = ChildDatabase.isolated(dataDir)) {
            MontageProcess.Finished refused = MontageProcess.startRefused(dataDir, database, "--montage.roles=");

            assertThat(refused.exitCode()).as(refused.output()).isNotZero();
            assertThat(refused.output()).contains("APPLICATION FAILED TO START")
                    .contains("montage.roles is empty");
        }
    }
}
