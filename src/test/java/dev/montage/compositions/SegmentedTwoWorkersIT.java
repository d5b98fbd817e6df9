package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.montage.support.ApiClient;
import dev.montage.support.ChildDatabase;
import dev.montage.support.MontageProcess;
import dev.montage.support.S3TestServer;
import dev.montage.support.SinglePassComparison;
import dev.montage.support.TestMedia;
import tools.jackson.databind.JsonNode;

/**
 * Issue 14, part 3, on PostgreSQL: two worker processes of the built jar, one database, one bucket, parts of 2 s.
 * <ol>
 *   <li>A composition split in parts is rendered by both workers (each node's log names the parts it rendered).</li>
 *   <li>A second one loses a worker to SIGKILL in the middle of a part: the other worker renders that part again
 *       once the dead node's heartbeat has expired, and the composition completes.</li>
 *   <li>Both equal the single pass of the same session, made by a third node that never splits
 *       ({@code segment-length=0s}); nothing is left behind: no part row, no part execution, no part file, no
 *       ffmpeg of the killed node.</li>
 * </ol>
 * Several nodes need PostgreSQL (H2 is single-node), so on H2 it is skipped.
 */
class SegmentedTwoWorkersIT {

    private static final String BUCKET = "segmented";
    private static final String PREFIX = "it/";
    private static final double MEDIA_SECONDS = 12;
    private static final double[] SEAMS = {2, 4, 6, 8, 10};
    private static final int WIDTH = 320;
    private static final Pattern RENDERED_PART = Pattern.compile("Rendering (part-\\d+|audio) of composition (\\S+)");

    @TempDir
    Path dataDir;

    @Test
    void bothWorkersRenderPartsAndAKilledWorkerLosesOnlyItsPart() throws Exception {
        assumeTrue(System.getenv("MONTAGE_DB_URL") != null, "several nodes need PostgreSQL");
        S3TestServer s3 = S3TestServer.shared();
        s3.createBucket(BUCKET);
        Path jar = MontageProcess.packagedJar();
        try (ChildDatabase database = ChildDatabase.isolated(dataDir)) {
            String session;
            String shared;
            String survived;
            MontageProcess survivor;
            try (MontageProcess first = node(jar, database, s3, "2s");
                    MontageProcess second = node(jar, database, s3, "2s")) {
                ApiClient api = first.api();
                session = session(api);

                shared = compose(api, session);
                assertThat(awaitFinished(api, shared).path("status").asString()).isEqualTo("completed");
                assertThat(partsRenderedBy(first, shared)).as("parts rendered by the first worker").isNotEmpty();
                assertThat(partsRenderedBy(second, shared)).as("parts rendered by the second worker").isNotEmpty();
                Set<String> all = new HashSet<>(partsRenderedBy(first, shared));
                all.addAll(partsRenderedBy(second, shared));
                assertThat(all).as("parts of the first composition (the media last a little over 12 s)")
                        .contains("part-0", "part-1", "part-2", "part-3", "part-4", "part-5", "audio");

                survived = compose(api, session);
                PartOnNode rendering = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                        .until(() -> partWithFfmpeg(database, survived, List.of(first, second)),
                                Optional::isPresent).orElseThrow();
                MontageProcess victim = rendering.node();
                survivor = victim == first ? second : first;
                victim.kill();
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ffmpegsOf(survived, survivor))
                        .as("ffmpeg processes of the killed node").isEmpty());

                ApiClient survivorApi = survivor.api();
                assertThat(awaitFinished(survivorApi, survived).path("status").asString()).isEqualTo("completed");
                assertThat(partsRenderedBy(survivor, survived)).as("the survivor rendered the killed part again")
                        .contains(rendering.part());
                survivor.terminate(Duration.ofSeconds(60));
            }

            try (MontageProcess single = node(jar, database, s3, "0s")) {
                ApiClient api = single.api();
                String reference = compose(api, session);
                assertThat(awaitFinished(api, reference).path("status").asString()).isEqualTo("completed");
                assertThat(single.log()).doesNotContain("Rendering part-");
                Path whole = download(api, reference, "single");
                for (String id : List.of(shared, survived)) {
                    Path joined = download(api, id, "joined-" + id);
                    SinglePassComparison.assertEqual(joined, whole, SEAMS, WIDTH, 660, 3, 5);
                    SinglePassComparison.assertEqual(joined, whole, new double[0], WIDTH, 440, 0, 1);
                }
            }

            try (Connection db = database.connect()) {
                assertThat(count(db, "select count(*) from composition_parts")).as("part rows").isZero();
                assertThat(count(db, "select count(*) from composition_segmentations")).isZero();
                assertThat(count(db, "select count(*) from scheduled_tasks where task_name in"
                        + " ('render-composition-part', 'join-composition-parts')")).as("part executions").isZero();
                Set<String> stored = new HashSet<>();
                s3.keys(BUCKET).forEach(key -> stored.add(key.substring(PREFIX.length())));
                assertThat(stored).as("objects in the bucket").containsExactlyInAnyOrderElementsOf(referencedKeys(db));
            }
        }
    }

    /** A worker; all share one data folder only for the key of the first start (blobs are in the bucket). */
    private MontageProcess node(Path jar, ChildDatabase database, S3TestServer s3, String segmentLength) {
        return MontageProcess.startJar(jar, dataDir, database,
                "--montage.storage.type=s3", "--montage.storage.s3.bucket=" + BUCKET,
                "--montage.storage.s3.prefix=" + PREFIX, "--montage.storage.s3.region=us-east-1",
                "--montage.storage.s3.endpoint=" + s3.endpoint(), "--montage.storage.s3.path-style-access=true",
                "--montage.compositions.segment-length=" + segmentLength,
                "--montage.jobs.threads=1", "--montage.jobs.polling-interval=200ms",
                "--montage.jobs.heartbeat-interval=1s", "--montage.jobs.missed-heartbeats-limit=4");
    }

    /** Alice for 12 s (moving pattern, 440 Hz); bob from 4 s for 8 s (blue, 660 Hz). */
    private String session(ApiClient api) {
        ApiClient.Response alice = api.upload("/v2/room_recordings", TestMedia.moving(440, MEDIA_SECONDS),
                "alice.webm", Map.of("started_at", "2024-05-01T10:00:00Z"));
        assertThat(alice.status()).as("%s", alice).isEqualTo(201);
        String session = alice.data().path(0).path("session_id").asString();
        ApiClient.Response bob = api.upload("/v2/room_recordings", TestMedia.webm("blue", 660, 8), "bob.webm",
                Map.of("started_at", "2024-05-01T10:00:04Z", "session_id", session));
        assertThat(bob.status()).as("%s", bob).isEqualTo(201);
        return session;
    }

    private static String compose(ApiClient api, String session) {
        ApiClient.Response created = api.post("/v2/room_compositions", """
                {"session_id": "%s", "resolution": "320x240"}""".formatted(session));
        assertThat(created.status()).as("%s", created).isEqualTo(202);
        return created.data().path("id").asString();
    }

    private static JsonNode awaitFinished(ApiClient api, String id) {
        return await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(250))
                .until(() -> api.get("/v2/room_compositions/" + id).data(),
                        data -> List.of("completed", "failed").contains(data.path("status").asString()));
    }

    private Path download(ApiClient api, String id, String name) throws Exception {
        String url = api.get("/v2/room_compositions/" + id).data().path("download_url").asString();
        Path file = dataDir.resolve(name + ".mp4");
        HttpResponse<Path> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofFile(file));
        assertThat(response.statusCode()).as("download of %s", id).isEqualTo(200);
        return file;
    }

    /** The parts of {@code id} whose rendering {@code node}'s log names. */
    private static List<String> partsRenderedBy(MontageProcess node, String id) {
        List<String> parts = new ArrayList<>();
        Matcher matcher = RENDERED_PART.matcher(node.log());
        while (matcher.find()) {
            if (matcher.group(2).equals(id)) {
                parts.add(matcher.group(1));
            }
        }
        return parts;
    }

    private record PartOnNode(MontageProcess node, String part) {
    }

    /** A part of {@code id} that one of the nodes has picked and is encoding now (its ffmpeg runs). */
    private static Optional<PartOnNode> partWithFfmpeg(ChildDatabase database, String id, List<MontageProcess> nodes)
            throws SQLException {
        try (Connection db = database.connect();
                PreparedStatement query = db.prepareStatement("select task_instance, picked_by from scheduled_tasks"
                        + " where task_name = 'render-composition-part' and picked and task_instance like ?")) {
            query.setString(1, id + "/part-%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String part = rows.getString(1).substring(id.length() + 1);
                    String pickedBy = rows.getString(2);
                    for (MontageProcess node : nodes) {
                        if (pickedBy.startsWith(node.pid() + "@") && ffmpegOf(node, id + "-" + part + "-")) {
                            return Optional.of(new PartOnNode(node, part));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean ffmpegOf(MontageProcess node, String workDirPrefix) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.parent().map(parent -> parent.pid() == node.pid()).orElse(false))
                .anyMatch(p -> p.info().commandLine().map(c -> c.contains("ffmpeg") && c.contains(workDirPrefix))
                        .orElse(false));
    }

    /** Living ffmpeg processes working on {@code id} that the survivor did not start: what the killed node left. */
    private static List<ProcessHandle> ffmpegsOf(String id, MontageProcess survivor) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains("ffmpeg") && c.contains(id)).orElse(false))
                .filter(p -> p.parent().map(parent -> parent.pid() != survivor.pid()).orElse(true))
                .toList();
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

    private static int count(Connection db, String sql) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql); ResultSet row = query.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }
}
