package dev.montage.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.montage.support.ApiClient;
import dev.montage.support.ChildDatabase;
import dev.montage.support.MontageProcess;
import dev.montage.support.TestMedia;

/**
 * Proof 3 of issue 9: an api-only node and a worker-only node split the work as configured. Two real nodes on one
 * PostgreSQL schema of their own, sharing one data folder for blobs: the composition is uploaded and created
 * through the api node, rendered by the worker node, and read and downloaded through the api node again. The api
 * node never starts ffmpeg; the worker node serves no {@code /v2}, only its health.
 */
class ApiAndWorkerNodesTest {

    @TempDir
    Path dataDir;

    @Test
    void theApiNodeTakesTheRequestsAndTheWorkerNodeRenders() throws Exception {
        Assumptions.assumeTrue(System.getenv("MONTAGE_DB_URL") != null, "several nodes need PostgreSQL");
        try (ChildDatabase database = ChildDatabase.isolated(dataDir);
                MontageProcess api = MontageProcess.start(dataDir, database, "--montage.roles=api");
                MontageProcess worker = MontageProcess.startWithoutApi(dataDir, database, "--montage.roles=worker",
                        "--montage.jobs.threads=1")) {
            String id = createComposition(api.api());

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                ApiClient.Response composition = api.api().get("/v2/room_compositions/" + id);
                assertThat(composition.data().path("status").asString()).as(composition.toString())
                        .isEqualTo("completed");
            });

            assertThat(worker.log()).contains("Rendering composition " + id + " with ffmpeg");
            assertThat(api.log()).doesNotContain("Rendering composition");
            // db-scheduler logs each scheduler it builds: the api node built none for the composition queue
            assertThat(api.log()).contains("table-name=webhook_tasks").doesNotContain("table-name=scheduled_tasks");
            assertThat(worker.log()).contains("table-name=scheduled_tasks, name=" + worker.pid() + "@");
            URI download = URI.create(api.api().get("/v2/room_compositions/" + id).data().path("download_url")
                    .asString());
            ApiClient.Response media = api.api().withKey(null)
                    .get(download.getRawPath() + "?" + download.getRawQuery());
            assertThat(media.status()).as("the worker's output, served by the api node").isEqualTo(200);

            assertThat(worker.api().get("/v2/room_compositions/" + id).status()).isEqualTo(404);
            // nor /v1 (Twilio's protocol): 404 in Twilio's shape before any credential is looked at
            ApiClient.Response twilio = worker.api().withAuthorization("Basic " + java.util.Base64.getEncoder()
                    .encodeToString("ACnobody:nothing".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .get("/v1/Compositions");
            assertThat(twilio.status()).as(twilio.toString()).isEqualTo(404);
            assertThat(twilio.json().path("code").asInt()).isEqualTo(20404);
            assertThat(worker.api().withKey(null).get("/actuator/health").status()).isEqualTo(200);
            assertThat(api.api().withKey(null).get("/actuator/health").status()).isEqualTo(200);
        }
    }

    private static String createComposition(ApiClient api) {
        ApiClient.Response red = api.upload("/v2/room_recordings", TestMedia.webm("red", 440, 2), "red.webm",
                Map.of("started_at", "2024-05-01T10:00:00Z"));
        assertThat(red.status()).as(red.toString()).isEqualTo(201);
        String session = red.data().path(0).path("session_id").asString();
        ApiClient.Response blue = api.upload("/v2/room_recordings", TestMedia.webm("blue", 660, 2), "blue.webm",
                Map.of("started_at", "2024-05-01T10:00:01Z", "session_id", session));
        assertThat(blue.status()).as(blue.toString()).isEqualTo(201);
        ApiClient.Response created = api.post("/v2/room_compositions", """
                {"session_id": "%s", "resolution": "320x240"}""".formatted(session));
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        return created.data().path("id").asString();
    }
}
