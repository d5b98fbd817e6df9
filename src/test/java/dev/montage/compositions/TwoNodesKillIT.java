package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.montage.support.ApiClient;
import dev.montage.support.ChildDatabase;
import dev.montage.support.MontageProcess;
import dev.montage.support.S3TestServer;
import dev.montage.support.TestMedia;
import dev.montage.support.WebhookReceiver;
import tools.jackson.databind.JsonNode;

/**
 * Issue 9, proof 2: two nodes of the built jar (separate JVMs, different ports) on one PostgreSQL and one bucket
 * take several compositions, and one is killed with SIGKILL while it renders. Every composition still ends
 * {@code completed} exactly once, the killed node's by the survivor; the receiver sees no event id twice; no
 * ffmpeg of the killed node lives on; and the bucket holds no object that no row references.
 *
 * <p>An integration test: it runs after {@code package}, on the jar an operator deploys. Several nodes need
 * PostgreSQL (H2 is single-node), so on H2 it is skipped.
 */
class TwoNodesKillIT {

    private static final String BUCKET = "two-nodes";
    private static final String PREFIX = "it/";
    private static final int COMPOSITIONS = 3;
    /**
     * Long enough at 1280x720 that a render is still under way when the kill comes, on any machine: at 30 fps, for the
     * standard quality's x264 (ultrafast) makes short work of still colours at the 15 fps of the usual test media.
     */
    private static final double MEDIA_SECONDS = 40;
    private static final int FRAME_RATE = 30;

    @TempDir
    Path dataDir;

    @Test
    void aNodeKilledMidRenderLosesNothingAndLeavesNothingBehind() throws Exception {
        assumeTrue(System.getenv("MONTAGE_DB_URL") != null, "several nodes need PostgreSQL");
        S3TestServer s3 = S3TestServer.shared();
        s3.createBucket(BUCKET);
        Path jar = MontageProcess.packagedJar();
        try (ChildDatabase database = ChildDatabase.isolated(dataDir);
                WebhookReceiver receiver = WebhookReceiver.start(WebhookReceiver.status(200));
                MontageProcess victim = node(jar, dataDir, database, s3);
                MontageProcess survivor = node(jar, dataDir, database, s3)) {
            ApiClient api = victim.api();
            String session = session(api);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < COMPOSITIONS; i++) {
                ApiClient.Response created = api.post("/v2/room_compositions", """
                        {"session_id": "%s", "resolution": "1280x720", "webhook_event_url": "%s"}"""
                        .formatted(session, receiver.url()));
                assertThat(created.status()).as("%s", created).isEqualTo(202);
                ids.add(created.data().path("id").asString());
            }

            String killed = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                    .until(() -> renderingOn(database, victim, api), Optional::isPresent).orElseThrow();
            victim.kill();
            try (Connection db = database.connect()) {
                assertThat(status(db, killed)).as("killed while it rendered, not after").isEqualTo("processing");
            }

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ffmpegsOf(killed, survivor))
                    .as("ffmpeg processes of the killed node's render").isEmpty());
            ApiClient survivorApi = survivor.api();
            for (String id : ids) {
                JsonNode done = await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(250))
                        .until(() -> survivorApi.get("/v2/room_compositions/" + id).data(),
                                data -> List.of("completed", "failed").contains(data.path("status").asString()));
                assertThat(done.path("status").asString()).as("%s", done).isEqualTo("completed");
            }
            assertThat(survivor.log()).as("the survivor rendered the killed node's composition")
                    .contains("Rendering composition " + killed);

            List<WebhookReceiver.Delivery> delivered = receiver.await(COMPOSITIONS, Duration.ofSeconds(60));
            survivor.terminate(Duration.ofSeconds(90)); // its delivery queue drains before it exits
            delivered = receiver.deliveries();
            assertThat(delivered).extracting(WebhookReceiver.Delivery::eventType)
                    .containsOnly("video.room.composition.completed");
            assertThat(delivered).extracting(WebhookReceiver.Delivery::eventId).doesNotHaveDuplicates();
            assertThat(delivered).extracting(d -> d.data().path("payload").path("composition_id").asString())
                    .containsExactlyInAnyOrderElementsOf(ids);

            try (Connection db = database.connect()) {
                Set<String> referenced = referencedKeys(db);
                Set<String> stored = new HashSet<>();
                s3.keys(BUCKET).forEach(key -> stored.add(key.substring(PREFIX.length())));
                assertThat(stored).as("objects in the bucket").containsExactlyInAnyOrderElementsOf(referenced);
                assertThat(countWhere(db, "status <> 'completed'")).as("compositions not completed").isZero();
            }
        }
    }

    /** A node of the jar; both share a data folder only for the key of the first start (blobs are in the bucket). */
    private static MontageProcess node(Path jar, Path dataDir, ChildDatabase database, S3TestServer s3) {
        return MontageProcess.startJar(jar, dataDir, database,
                "--montage.storage.type=s3", "--montage.storage.s3.bucket=" + BUCKET,
                "--montage.storage.s3.prefix=" + PREFIX, "--montage.storage.s3.region=us-east-1",
                "--montage.storage.s3.endpoint=" + s3.endpoint(), "--montage.storage.s3.path-style-access=true",
                "--montage.jobs.threads=1", "--montage.jobs.polling-interval=200ms",
                "--montage.jobs.heartbeat-interval=1s", "--montage.jobs.missed-heartbeats-limit=4",
                "--montage.webhooks.allow-private-targets=true");
    }

    private String session(ApiClient api) {
        ApiClient.Response red = api.upload("/v2/room_recordings",
                TestMedia.webm("red", 440, MEDIA_SECONDS, FRAME_RATE),
                "red.webm", Map.of("started_at", "2024-05-01T10:00:00Z"));
        assertThat(red.status()).as("%s", red).isEqualTo(201);
        String session = red.data().path(0).path("session_id").asString();
        ApiClient.Response blue = api.upload("/v2/room_recordings",
                TestMedia.webm("blue", 660, MEDIA_SECONDS, FRAME_RATE),
                "blue.webm", Map.of("started_at", "2024-05-01T10:00:00Z", "session_id", session));
        assertThat(blue.status()).as("%s", blue).isEqualTo(201);
        return session;
    }

    /** A composition the node is rendering, with progress reported: its ffmpeg runs. */
    private static Optional<String> renderingOn(ChildDatabase database, MontageProcess node, ApiClient api)
            throws SQLException {
        try (Connection db = database.connect();
                PreparedStatement query = db.prepareStatement("select task_instance from scheduled_tasks"
                        + " where picked and picked_by like ?")) {
            query.setString(1, node.pid() + "@%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String id = rows.getString(1);
                    if (api.get("/v2/room_compositions/" + id).data().path("progress_percent").asInt() > 0) {
                        return Optional.of(id);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Living ffmpeg processes of the composition (its command line names the composition's working folder) that
     * the survivor did not start: what the killed node left running.
     */
    private static List<ProcessHandle> ffmpegsOf(String compositionId, MontageProcess survivor) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains("ffmpeg") && c.contains(compositionId))
                        .orElse(false))
                .filter(p -> p.parent().map(parent -> parent.pid() != survivor.pid()).orElse(true))
                .toList();
    }

    private static String status(Connection db, String id) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("select status from compositions where id = ?")) {
            query.setObject(1, UUID.fromString(id));
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : "(deleted)";
            }
        }
    }

    private static Set<String> referencedKeys(Connection db) throws SQLException {
        Set<String> keys = new HashSet<>();
        try (PreparedStatement query = db.prepareStatement("select blob_key from room_recordings union "
                + "select blob_key from compositions where blob_key is not null");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
        }
        return keys;
    }

    private static int countWhere(Connection db, String condition) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("select count(*) from compositions where " + condition);
                ResultSet row = query.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }
}
