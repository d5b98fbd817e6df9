package dev.montage.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.montage.support.ApiClient;
import dev.montage.support.ChildDatabase;
import dev.montage.support.MontageProcess;
import dev.montage.support.TestMedia;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13, proof "a hook composes by itself": two nodes of the built jar (api and worker each) on one PostgreSQL
 * schema, two enabled hooks. Each session is ended on both nodes at the same moment, several times in a row so that
 * the two ends really race; one more session is left to the idle end, which both nodes run. Every hook makes exactly
 * one composition per session, whichever node won, and the compositions render.
 *
 * <p>An integration test, on the jar an operator deploys; several nodes need PostgreSQL, so on H2 it is skipped.
 */
class TwoNodesHookIT {

    private static final int RACED_SESSIONS = 5;
    /** Longer than an upload followed by its two ends takes, so the idle end never takes a raced session first. */
    private static final String IDLE_END = "3s";

    @TempDir
    Path dataDir;

    @Test
    void eachHookComposesEachEndedSessionOnceThoughBothNodesEndIt() throws Exception {
        assumeTrue(System.getenv("MONTAGE_DB_URL") != null, "several nodes need PostgreSQL");
        Path jar = MontageProcess.packagedJar();
        ExecutorService ends = Executors.newFixedThreadPool(2);
        try (ChildDatabase database = ChildDatabase.isolated(dataDir);
                MontageProcess first = node(jar, database);
                MontageProcess second = node(jar, database)) {
            ApiClient one = first.api();
            ApiClient two = second.api();
            List<String> hooks = List.of(hook(one, "first"), hook(two, "second"));
            byte[] media = TestMedia.webm("red", 440, 1);

            List<String> sessions = new ArrayList<>();
            for (int i = 0; i < RACED_SESSIONS; i++) {
                String session = upload(i % 2 == 0 ? one : two, media);
                CountDownLatch go = new CountDownLatch(1);
                Future<ApiClient.Response> onFirst = ends.submit(() -> end(one, session, go));
                Future<ApiClient.Response> onSecond = ends.submit(() -> end(two, session, go));
                go.countDown();
                // ending an ended session is a no-op: both nodes answer 200, and the hooks ran before they answered
                assertThat(onFirst.get().status()).as("%s", onFirst.get()).isEqualTo(200);
                assertThat(onSecond.get().status()).as("%s", onSecond.get()).isEqualTo(200);
                assertThat(madeFor(one, session)).as("hooks of compositions of raced session %d", i)
                        .containsExactlyInAnyOrderElementsOf(hooks);
                sessions.add(session);
            }

            String idle = upload(two, media);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> madeFor(one, idle).size() >= hooks.size());
            assertThat(one.get("/v2/room_sessions/" + idle).data().path("active").asBoolean())
                    .as("the idle session ended by itself").isFalse();
            sessions.add(idle);

            List<String> compositions = new ArrayList<>();
            sessions.forEach(session -> compositions(one, session)
                    .forEach(c -> compositions.add(c.path("id").asString())));
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250))
                    .until(() -> compositions.stream().anyMatch(id -> "completed".equals(
                            two.get("/v2/room_compositions/" + id).data().path("status").asString())));

            // after more idle checks on both nodes, still exactly one composition per hook and session
            for (String session : sessions) {
                assertThat(madeFor(two, session)).as("hooks of compositions of session %s", session)
                        .containsExactlyInAnyOrderElementsOf(hooks);
            }
        } finally {
            ends.shutdownNow();
        }
    }

    /** A node of the jar with both roles, ending idle sessions soon; both share the data folder's first key. */
    private MontageProcess node(Path jar, ChildDatabase database) {
        return MontageProcess.startJar(jar, dataDir, database,
                "--montage.jobs.threads=1", "--montage.jobs.polling-interval=200ms",
                "--montage.hooks.idle-end=" + IDLE_END, "--montage.hooks.idle-check-interval=500ms");
    }

    private static String hook(ApiClient api, String name) {
        ApiClient.Response created = api.post("/v2/room_composition_hooks", """
                {"friendly_name": "%s", "resolution": "160x120"}""".formatted(name));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.data().path("id").asString();
    }

    /** A new session with one recording that ended long ago (its started_at): only its upload keeps it active. */
    private static String upload(ApiClient api, byte[] media) {
        ApiClient.Response uploaded = api.upload("/v2/room_recordings", media, "red.webm",
                Map.of("started_at", "2024-05-01T10:00:00Z"));
        assertThat(uploaded.status()).as("%s", uploaded).isEqualTo(201);
        return uploaded.data().path(0).path("session_id").asString();
    }

    private static ApiClient.Response end(ApiClient api, String session, CountDownLatch go)
            throws InterruptedException {
        go.await();
        return api.post("/v2/room_sessions/" + session + "/actions/end", "");
    }

    private static List<JsonNode> compositions(ApiClient api, String session) {
        ApiClient.Response listed = api.get("/v2/room_compositions?filter[session_id]=" + session
                + "&page[size]=50");
        assertThat(listed.status()).as("%s", listed).isEqualTo(200);
        List<JsonNode> found = new ArrayList<>();
        listed.json().path("data").forEach(found::add);
        return found;
    }

    /** The hook of each composition of the session: a hook twice means it fired twice. */
    private static List<String> madeFor(ApiClient api, String session) {
        return compositions(api, session).stream().map(c -> c.path("composition_hook_id").asString()).toList();
    }
}
