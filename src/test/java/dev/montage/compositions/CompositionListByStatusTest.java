package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.montage.accounts.AccountService.NewAccount;
import dev.montage.api.DateFilter;
import dev.montage.storage.DownloadLinks;
import dev.montage.support.ApiClient;
import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The list filtered by status, the one clients poll (issue 10, Load): newest first, ties broken by id, every page
 * from the index the status filter reads (V13), each completed composition with a link signed for it alone.
 */
class CompositionListByStatusTest extends ApiTest {

    private static final Instant FIRST = Instant.parse("2026-11-20T08:00:00.123456Z");
    private static final Pattern LINK =
            Pattern.compile(".*/v2/room_compositions/([0-9a-f-]{36})/media\\?expires=(\\d+)&signature=([A-Za-z0-9_-]+)");

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private CompositionChanges changes;

    @Autowired
    private DownloadLinks links;

    @Autowired
    private CompositionRepository repository;

    /**
     * Twelve compositions, two per instant, every third not completed:
     * <pre>
     *   created   +0s  +0s  +1s  +1s  +2s  +2s  +3s  +3s  +4s  +4s  +5s  +5s
     *   status     E    C    C    F    C    C    E    C    C    F    C    C      (E enqueued, F failed, C completed)
     * </pre>
     * filter[status]=completed, three to a page, walks the eight C newest first, the two of one instant by id.
     */
    @Test
    void completedCompositionsComeNewestFirstTiesByIdEachWithItsOwnValidLink() {
        NewAccount account = accounts.createAccount();
        ApiClient client = new ApiClient(port, account.apiKey());
        List<Row> completed = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String status = i % 3 != 0 ? "completed" : i % 2 == 0 ? "enqueued" : "failed";
            Row row = new Row(UUID.randomUUID(), FIRST.plusSeconds(i / 2));
            insert(account.accountId().value(), row, status);
            if (status.equals("completed")) {
                completed.add(row);
            }
        }
        // the database's order of uuids is that of their text: unsigned, byte by byte (UUID.compareTo is signed)
        completed.sort(Comparator.comparing(Row::createdAt).thenComparing(row -> row.id().toString()).reversed());

        List<UUID> listed = new ArrayList<>();
        Set<String> signatures = new HashSet<>();
        for (int page = 1; page <= 3; page++) {
            Response response = client.get("/v2/room_compositions?filter%5Bstatus%5D=completed&page%5Bsize%5D=3"
                    + "&page%5Bnumber%5D=" + page);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().path("meta").path("total_results").asInt()).isEqualTo(8);
            assertThat(response.json().path("meta").path("total_pages").asInt()).isEqualTo(3);
            for (JsonNode composition : response.data()) {
                UUID id = UUID.fromString(composition.path("id").asString());
                listed.add(id);
                assertThat(composition.path("status").asString()).isEqualTo("completed");
                signatures.add(assertSignedFor(id, composition.path("download_url").asString()));
            }
        }
        assertThat(listed).containsExactlyElementsOf(completed.stream().map(Row::id).toList());
        assertThat(signatures).hasSize(8);

        UUID one = completed.get(4).id();
        Response single = client.get("/v2/room_compositions/" + one);
        assertThat(single.status()).isEqualTo(200);
        assertSignedFor(one, single.data().path("download_url").asString());
    }

    /**
     * A finished composition is listed from the text this node kept for its version (AnsweredCompositions): the same
     * as the first time and as its GET but for a freshly signed link; a row with a newer version is read anew.
     */
    @Test
    void finishedCompositionsAreListedAsTheyWereAnsweredUntilTheirVersionChanges() {
        NewAccount account = accounts.createAccount();
        ApiClient client = new ApiClient(port, account.apiKey());
        UUID accountId = account.accountId().value();
        Row completed = new Row(UUID.randomUUID(), FIRST.plusSeconds(2));
        Row failed = new Row(UUID.randomUUID(), FIRST.plusSeconds(1));
        Row enqueued = new Row(UUID.randomUUID(), FIRST);
        insert(accountId, completed, "completed");
        insert(accountId, failed, "failed");
        insert(accountId, enqueued, "enqueued");

        JsonNode first = client.get("/v2/room_compositions").data();
        JsonNode again = client.get("/v2/room_compositions").data();

        assertThat(again).hasSize(3);
        for (int i = 0; i < 3; i++) {
            UUID id = UUID.fromString(again.get(i).path("id").asString());
            JsonNode single = client.get("/v2/room_compositions/" + id).data();
            assertThat(withoutLink(again.get(i))).isEqualTo(withoutLink(first.get(i))).isEqualTo(withoutLink(single));
        }
        assertSignedFor(completed.id(), again.get(0).path("download_url").asString());
        assertThat(again.get(1).path("download_url").isNull()).isTrue();

        // a newer version of a row (here by hand: a finished one never changes) is answered as it is now
        jdbc.sql("update compositions set failure_reason = 'ffmpeg ran out of disk', updated_at = :now where id = :id")
                .param("now", FIRST.plusSeconds(600).atOffset(ZoneOffset.UTC))
                .param("id", failed.id())
                .update();
        changes.forgetAll(); // what another node's notification would do; this change was made past every node
        JsonNode changed = client.get("/v2/room_compositions").data().get(1);
        assertThat(changed.path("failure_reason").asString()).isEqualTo("ffmpeg ran out of disk");
        assertThat(changed.path("updated_at").asString()).isEqualTo("2026-11-20T08:10:00.123456Z");
    }

    /**
     * The rows a page reads in full, after its ids, are read under the page's filters again: a row that changed out
     * of them in between (here, as if it had: the ids of an enqueued row under a filter on completed) is left out of
     * the page, as is another account's.
     */
    @Test
    void rowsReadInFullAfterTheirIdsStillMatchThePagesFilters() {
        UUID accountId = accounts.createAccount().accountId().value();
        Row completed = new Row(UUID.randomUUID(), FIRST.plusSeconds(1));
        Row enqueued = new Row(UUID.randomUUID(), FIRST);
        Row othersCompleted = new Row(UUID.randomUUID(), FIRST);
        insert(accountId, completed, "completed");
        insert(accountId, enqueued, "enqueued");
        insert(accounts.createAccount().accountId().value(), othersCompleted, "completed");
        CompositionQuery completedOnly = new CompositionQuery(Optional.empty(), Optional.of("completed"),
                new DateFilter(Optional.empty(), Optional.empty(), Optional.empty()));

        Map<UUID, Composition> read = repository.findAll(accountId, completedOnly,
                List.of(completed.id(), enqueued.id(), othersCompleted.id()));

        assertThat(read).containsOnlyKeys(completed.id());
        assertThat(read.get(completed.id()).status()).isEqualTo(CompositionStatus.COMPLETED);
    }

    private static JsonNode withoutLink(JsonNode composition) {
        ObjectNode copy = (ObjectNode) composition.deepCopy();
        copy.remove("download_url");
        return copy;
    }

    /** The link names the composition and carries a signature the service accepts for it; answers the signature. */
    private String assertSignedFor(UUID id, String downloadUrl) {
        Matcher link = LINK.matcher(downloadUrl);
        assertThat(link.matches()).as(downloadUrl).isTrue();
        assertThat(link.group(1)).isEqualTo(id.toString());
        long expires = Long.parseLong(link.group(2));
        assertThat(links.isValid(id, expires, link.group(3))).as(downloadUrl).isTrue();
        assertThat(links.isValid(UUID.randomUUID(), expires, link.group(3))).isFalse();
        return link.group(3);
    }

    /** A row as a finished render leaves it, straight into the table: no job runs for it. */
    private void insert(UUID accountId, Row row, String status) {
        boolean completed = status.equals("completed");
        jdbc.sql("""
                insert into compositions (id, account_id, room_id, session_id, status, output_format, resolution,
                                          video_layout, audio_sources, audio_sources_excluded, trim_gaps,
                                          webhook_event_failover_url, progress_percent, duration_secs, size_bytes,
                                          blob_key, completed_at, created_at, updated_at)
                values (:id, :account_id, :room_id, :session_id, :status, 'mp4', '1280x720', '{}', '[]', '[]', true,
                        '', :progress, :duration, :size, :blob_key, :completed_at, :created_at, :created_at)
                """)
                .param("id", row.id())
                .param("account_id", accountId)
                .param("room_id", UUID.randomUUID())
                .param("session_id", UUID.randomUUID())
                .param("status", status)
                .param("progress", completed ? 100 : 0)
                .param("duration", completed ? 60 : null)
                .param("size", completed ? 1_000_000L : null)
                .param("blob_key", completed ? "compositions/" + row.id() + ".mp4" : null)
                .param("completed_at", completed ? row.createdAt().plusSeconds(90).atOffset(ZoneOffset.UTC) : null)
                .param("created_at", row.createdAt().atOffset(ZoneOffset.UTC))
                .update();
    }

    private record Row(UUID id, Instant createdAt) {
    }
}
