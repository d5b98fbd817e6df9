package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.montage.accounts.AccountService.NewAccount;
import dev.montage.support.ApiClient;
import dev.montage.support.ApiTest;
import dev.montage.support.TestMedia;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * A polled list and a finished composition are answered from the node's memory while nothing of their account has
 * changed ({@link AnsweredCompositions}, {@link CompositionChanges}); a change shows in the very next answer when this
 * node made it, and as soon as PostgreSQL tells of it when another node did (here: a statement of the test's own,
 * which no code of the node sees).
 */
class AnswersKeptTest extends ApiTest {

    private static final String COMPLETED = "/v2/room_compositions?filter[status]=completed";

    @Autowired
    MeterRegistry registry;
    @Autowired
    JdbcClient jdbc;

    @Test
    void answersComeFromMemoryUntilThisNodeChangesTheAccount() {
        String session = upload(api, TestMedia.webm("red", 440, 1), Map.of("started_at", "2024-05-01T10:00:00Z"))
                .path(0).path("session_id").asString();
        String body = "{\"session_id\": \"" + session + "\"}";
        String first = api.post("/v2/room_compositions", body).data().path("id").asString();
        JsonNode finished = awaitFinished(api, first, 60);
        assertThat(finished.path("status").asString()).isEqualTo("completed");

        JsonNode listed = api.get(COMPLETED).data();
        JsonNode got = api.get("/v2/room_compositions/" + first).data();
        // on PostgreSQL the completion's own notification may still arrive and renew the account once more
        awaitAnsweredFromMemory("list_page", () -> api.get(COMPLETED));
        awaitAnsweredFromMemory("composition", () -> api.get("/v2/room_compositions/" + first));
        double pageHits = hits("list_page");
        double compositionHits = hits("composition");
        JsonNode listedAgain = api.get(COMPLETED).data();
        JsonNode gotAgain = api.get("/v2/room_compositions/" + first).data();
        JsonNode all = api.get("/v2/room_compositions").data();
        assertThat(hits("list_page")).as("the same page again, from memory").isEqualTo(pageHits + 1);
        assertThat(hits("composition")).as("the same GET again, from memory").isEqualTo(compositionHits + 1);
        assertThat(ids(listedAgain)).isEqualTo(ids(listed)).containsExactly(first);
        assertThat(gotAgain.path("updated_at")).isEqualTo(got.path("updated_at"))
                .isEqualTo(finished.path("updated_at"));
        assertThat(gotAgain.path("download_url").asString()).startsWith("http");
        assertThat(ids(all)).containsExactly(first);

        // this node's own changes: the next answer has them
        String second = api.post("/v2/room_compositions", body).data().path("id").asString();
        assertThat(ids(api.get("/v2/room_compositions").data())).containsExactly(second, first);
        assertThat(api.delete("/v2/room_compositions/" + first).status()).isEqualTo(204);
        assertThat(api.get("/v2/room_compositions/" + first).status()).isEqualTo(404);
        assertThat(ids(api.get(COMPLETED).data())).doesNotContain(first);
        assertThat(ids(api.get("/v2/room_compositions").data())).containsExactly(second);
    }

    @Test
    void anotherNodesChangesAreHeard_alsoAfterTheListenerLostItsConnection() {
        assumeTrue(onPostgresql(), "only PostgreSQL has other nodes: H2's file is held by one process");
        NewAccount account = accounts.createAccount();
        ApiClient client = new ApiClient(port, account.apiKey());
        UUID one = UUID.randomUUID();
        UUID two = UUID.randomUUID();
        insertCompleted(account.accountId().value(), one, Instant.parse("2026-11-20T08:00:00Z"));
        awaitListed(client, one);
        client.get("/v2/room_compositions/" + one);
        double compositionHits = hits("composition");
        assertThat(client.get("/v2/room_compositions/" + one).status()).isEqualTo(200);
        assertThat(hits("composition")).as("answered from memory").isEqualTo(compositionHits + 1);

        // another node adds one and deletes the other
        insertCompleted(account.accountId().value(), two, Instant.parse("2026-11-20T08:00:01Z"));
        jdbc.sql("delete from compositions where id = :id").param("id", one).update();
        awaitListed(client, two);
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> client.get("/v2/room_compositions/" + one).status() == 404);

        // the listener's connection is cut: what it misses meanwhile is not answered from memory, and it listens again
        client.get("/v2/room_compositions/" + two);
        int cut = jdbc.sql("select count(pg_terminate_backend(pid)) from pg_stat_activity"
                + " where application_name = :name")
                .param("name", CompositionChangeListener.APPLICATION_NAME).query(Integer.class).single();
        assertThat(cut).as("listening connections cut").isPositive();
        jdbc.sql("delete from compositions where id = :id").param("id", two).update();
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> client.get("/v2/room_compositions/" + two).status() == 404);
        assertThat(ids(client.get(COMPLETED).data())).isEmpty();
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            double before = hits("list_page");
            client.get(COMPLETED);
            return hits("list_page") > before;
        });
    }

    /** Asks until one answer comes from the cache: once the account is quiet, every answer does. */
    private void awaitAnsweredFromMemory(String answer, Runnable request) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> {
            double before = hits(answer);
            request.run();
            return hits(answer) == before + 1;
        });
    }

    private void awaitListed(ApiClient client, UUID id) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> ids(client.get(COMPLETED).data()).contains(id.toString()));
    }

    /** Answers of this kind ({@code list_page}, {@code composition}) this node gave from memory. */
    private double hits(String answer) {
        return registry.get("montage.answers").tag("answer", answer).tag("source", "memory").counter().count();
    }

    private static List<String> ids(JsonNode data) {
        return StreamSupport.stream(data.spliterator(), false).map(row -> row.path("id").asString()).toList();
    }

    private static boolean onPostgresql() {
        return System.getenv().getOrDefault("MONTAGE_DB_URL", "").startsWith("jdbc:postgresql:");
    }

    /** A completed composition written as another node's render would leave it. */
    private void insertCompleted(UUID accountId, UUID id, Instant createdAt) {
        jdbc.sql("""
                insert into compositions (id, account_id, room_id, session_id, status, output_format, resolution,
                                          video_layout, audio_sources, audio_sources_excluded, trim_gaps,
                                          webhook_event_failover_url, progress_percent, duration_secs, size_bytes,
                                          blob_key, completed_at, created_at, updated_at)
                values (:id, :account_id, :room_id, :session_id, 'completed', 'mp4', '1280x720', '{}', '[]', '[]',
                        true, '', 100, 60, 1000000, :blob_key, :created_at, :created_at, :created_at)
                """)
                .param("id", id)
                .param("account_id", accountId)
                .param("room_id", UUID.randomUUID())
                .param("session_id", UUID.randomUUID())
                .param("blob_key", "compositions/" + id + ".mp4")
                .param("created_at", createdAt.atOffset(ZoneOffset.UTC))
                .update();
    }
}
