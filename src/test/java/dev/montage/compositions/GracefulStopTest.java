package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.montage.support.ApiClient;
import dev.montage.support.ChildDatabase;
import dev.montage.support.Frames;
import dev.montage.support.MediaFacts;
import dev.montage.support.MontageProcess;
import dev.montage.support.Rgb;
import dev.montage.support.StoredMedia;
import dev.montage.support.TestMedia;
import dev.montage.support.WebhookReceiver;
import tools.jackson.databind.JsonNode;

/**
 * A graceful stop (SIGTERM) strands nothing. A real node in a JVM of its own composes a composition too long to
 * finish within its grace period and is sent SIGTERM mid-render: it must exit promptly and give the job back to
 * the queue at once, the composition neither failed nor deleted. A second node on the same data renders it again
 * and is itself stopped mid-render, this time with a grace long enough: it finishes first, so the composition is
 * completed exactly once, with one {@code completed} event and no scratch files. A rolling restart (issue 9) is
 * the same stop followed by the node's return, and must give what an undisturbed run gives.
 *
 * <p>No Spring context in this JVM: on PostgreSQL the nodes get a schema of their own, so nothing but them takes
 * their jobs.
 */
class GracefulStopTest {

    private static final Duration SHORT_GRACE = Duration.ofSeconds(1);
    /** The most a node may take beyond its grace: stopping ffmpeg (2 s at most), handing back, closing the JVM. */
    private static final Duration EXIT_MARGIN = Duration.ofSeconds(10);
    /**
     * Long enough at 1280x720 that a render is far from done one grace after it started on any machine: at 30 fps, for
     * the standard quality's x264 (ultrafast) makes short work of still colours at the 15 fps of the usual test media.
     */
    private static final double MEDIA_SECONDS = 60;
    private static final int FRAME_RATE = 30;

    @TempDir
    Path dataDir;

    @Test
    void aStopPastTheGraceGivesTheJobBackAndTheNextNodeCompletesItOnce() throws Exception {
        try (ChildDatabase database = ChildDatabase.isolated(dataDir);
                WebhookReceiver receiver = WebhookReceiver.start(WebhookReceiver.status(200))) {
            String id;
            try (MontageProcess first = node(database, SHORT_GRACE)) {
                ApiClient api = first.api();
                id = createLongComposition(api, receiver.url());
                awaitRendering(api, id);

                Duration exit = first.terminate(Duration.ofSeconds(60));
                assertThat(exit).as("exit after SIGTERM\n%s", first.log()).isLessThan(SHORT_GRACE.plus(EXIT_MARGIN));
                assertThat(first.log()).doesNotContain("Composition deleted");
            }

            try (Connection db = database.connect()) {
                Execution execution = execution(db, id).orElseThrow(() -> new AssertionError("the job was dropped"));
                assertThat(execution.picked()).as("released, not left for dead-node detection").isFalse();
                assertThat(execution.due()).as("due at once").isBeforeOrEqualTo(Instant.now());
                assertThat(status(db, id)).isEqualTo("enqueued");
                assertThat(events(db, id)).as("no event: the composition is not over").isEmpty();
            }
            assertThat(scratchFolders()).isEmpty();

            try (MontageProcess second = node(database, Duration.ofSeconds(60))) {
                awaitRendering(second.api(), id);
                second.terminate(Duration.ofSeconds(90)); // mid-render again, but within the grace this time
            }

            try (Connection db = database.connect()) {
                assertThat(status(db, id)).isEqualTo("completed");
                assertThat(execution(db, id)).as("the job is done").isEmpty();
                assertThat(events(db, id)).as("events recorded").containsExactly("video.room.composition.completed");
            }
            // usually delivered before the second node exited (its delivery queue stops last), else still pending
            assertThat(receiver.deliveries()).extracting(WebhookReceiver.Delivery::eventType)
                    .hasSizeLessThanOrEqualTo(1).allMatch("video.room.composition.completed"::equals);
            assertThat(scratchFolders()).isEmpty();
            assertThat(StoredMedia.of(dataDir, id)).singleElement()
                    .satisfies(file -> assertThat(file).isNotEmptyFile());
        }
    }

    /**
     * Issue 9, proof 1: a rolling restart. A node stopped mid-render comes back (here: its successor on the same
     * database and data), completes the composition, and the result is what an undisturbed run gives: the same
     * duration and pixels, one {@code completed} event at the receiver, no {@code processing} row, no scratch.
     */
    @Test
    void aRollingRestartCompletesTheCompositionAsAnUndisturbedRunWould() throws Exception {
        try (ChildDatabase database = ChildDatabase.isolated(dataDir);
                WebhookReceiver receiver = WebhookReceiver.start(WebhookReceiver.status(200))) {
            String id;
            try (MontageProcess first = node(database, SHORT_GRACE)) {
                id = createLongComposition(first.api(), receiver.url());
                awaitRendering(first.api(), id);
                first.terminate(Duration.ofSeconds(60));
            }
            try (Connection db = database.connect()) {
                assertThat(status(db, id)).as("handed back, not finished within the grace").isEqualTo("enqueued");
            }

            try (MontageProcess restarted = node(database, Duration.ofSeconds(60))) {
                ApiClient api = restarted.api();
                JsonNode recovered = awaitCompleted(api, id);
                assertThat(restarted.log()).contains("Rendering composition " + id);
                List<WebhookReceiver.Delivery> delivered = receiver.await(1, Duration.ofSeconds(30));
                assertThat(delivered).extracting(WebhookReceiver.Delivery::eventType)
                        .containsExactly("video.room.composition.completed");
                assertThat(delivered.get(0).data().path("payload").path("composition_id").asString()).isEqualTo(id);

                JsonNode original = api.get("/v2/room_compositions/" + id).data();
                String undisturbed = api.post("/v2/room_compositions", """
                        {"session_id": "%s", "resolution": "1280x720"}"""
                        .formatted(original.path("session_id").asString())).data().path("id").asString();
                JsonNode reference = awaitCompleted(api, undisturbed);

                assertThat(recovered.path("duration_secs")).isEqualTo(reference.path("duration_secs"));
                Path recoveredFile = fetch(recovered.path("download_url").asString());
                Path referenceFile = fetch(reference.path("download_url").asString());
                assertThat(MediaFacts.of(recoveredFile).durationSeconds())
                        .isCloseTo(MediaFacts.of(referenceFile).durationSeconds(), within(0.01));
                for (double t : new double[] {1, MEDIA_SECONDS / 2, MEDIA_SECONDS - 1}) {
                    for (int x : new int[] {320, 960}) {
                        Rgb expected = Frames.colourAt(referenceFile, t, x, 360);
                        assertThat(Frames.colourAt(recoveredFile, t, x, 360).isNear(expected))
                                .as("t=%s x=%d", t, x).isTrue();
                    }
                }
                // and it is the session's picture, not two equal blanks: red and blue side by side, in either order
                Rgb left = Frames.colourAt(recoveredFile, MEDIA_SECONDS / 2, 320, 360);
                Rgb right = Frames.colourAt(recoveredFile, MEDIA_SECONDS / 2, 960, 360);
                assertThat(left.isNear(Rgb.RED) && right.isNear(Rgb.BLUE)
                        || left.isNear(Rgb.BLUE) && right.isNear(Rgb.RED))
                        .as("left %s, right %s", left, right).isTrue();
                restarted.terminate(Duration.ofSeconds(90));
            }

            try (Connection db = database.connect()) {
                assertThat(events(db, id)).containsExactly("video.room.composition.completed");
                assertThat(processingRows(db)).as("compositions left processing").isZero();
            }
            assertThat(receiver.deliveries()).as("no second delivery").hasSize(1);
            assertThat(scratchFolders()).isEmpty();
        }
    }

    private MontageProcess node(ChildDatabase database, Duration grace) {
        return MontageProcess.start(dataDir, database, "--montage.jobs.shutdown-grace=" + grace.toSeconds() + "s",
                "--montage.jobs.threads=1", "--montage.webhooks.allow-private-targets=true");
    }

    private static String createLongComposition(ApiClient api, String webhookUrl) {
        ApiClient.Response first = api.upload("/v2/room_recordings",
                TestMedia.webm("red", 440, MEDIA_SECONDS, FRAME_RATE),
                "red.webm", Map.of("started_at", "2024-05-01T10:00:00Z"));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        String session = first.data().path(0).path("session_id").asString();
        ApiClient.Response second = api.upload("/v2/room_recordings",
                TestMedia.webm("blue", 660, MEDIA_SECONDS, FRAME_RATE),
                "blue.webm", Map.of("started_at", "2024-05-01T10:00:00Z", "session_id", session));
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        ApiClient.Response created = api.post("/v2/room_compositions", """
                {"session_id": "%s", "resolution": "1280x720", "webhook_event_url": "%s"}"""
                .formatted(session, webhookUrl));
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        return created.data().path("id").asString();
    }

    /**
     * Until ffmpeg has reported progress: the render is under way, and far from its end (on a very fast machine it
     * may even be over, which the checks after a stop within the grace accept alike).
     */
    private static void awaitRendering(ApiClient api, String id) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode composition = api.get("/v2/room_compositions/" + id).data();
            assertThat(composition.path("status").asString()).isIn("enqueued", "processing", "completed");
            return composition.path("progress_percent").asInt() > 0;
        });
    }

    private record Execution(boolean picked, Instant due) {
    }

    private static Optional<Execution> execution(Connection db, String id) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(
                "select picked, execution_time from scheduled_tasks where task_name = ? and task_instance = ?")) {
            query.setString(1, CompositionJob.TASK_NAME);
            query.setString(2, id);
            try (ResultSet row = query.executeQuery()) {
                return row.next()
                        ? Optional.of(new Execution(row.getBoolean(1), row.getTimestamp(2).toInstant()))
                        : Optional.empty();
            }
        }
    }

    private static String status(Connection db, String id) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("select status from compositions where id = ?")) {
            query.setObject(1, UUID.fromString(id));
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : "(deleted)";
            }
        }
    }

    /** The types of the composition's recorded events (completed, failed), in the order they occurred. */
    private static List<String> events(Connection db, String id) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(
                "select event_type from webhook_events where composition_id = ? order by occurred_at")) {
            query.setObject(1, UUID.fromString(id));
            try (ResultSet row = query.executeQuery()) {
                List<String> types = new ArrayList<>();
                while (row.next()) {
                    types.add(row.getString(1));
                }
                return types;
            }
        }
    }

    private static int processingRows(Connection db) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(
                "select count(*) from compositions where status = 'processing'");
                ResultSet row = query.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }

    private static JsonNode awaitCompleted(ApiClient api, String id) {
        JsonNode done = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> api.get("/v2/room_compositions/" + id).data(),
                        data -> List.of("completed", "failed").contains(data.path("status").asString()));
        assertThat(done.path("status").asString()).as("%s", done).isEqualTo("completed");
        return done;
    }

    /** The file behind a download link, fetched without a key, as a browser does. */
    private Path fetch(String url) throws IOException, InterruptedException {
        Path file = Files.createTempFile(dataDir, "download-", ".mp4");
        HttpResponse<Path> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofFile(file));
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return file;
    }

    /** What is left under {@code <data-dir>/work}, where renders keep their scratch files. */
    private List<Path> scratchFolders() throws IOException {
        Path work = dataDir.resolve("work");
        if (!Files.isDirectory(work)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(work)) {
            return entries.toList();
        }
    }
}
