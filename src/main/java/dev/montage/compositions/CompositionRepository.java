package dev.montage.compositions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.montage.api.ListResponse;
import dev.montage.api.PageRequest;
import dev.montage.api.SqlFilter;
import dev.montage.api.Timestamps;
import dev.montage.api.WebhookTarget;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code compositions} table. Every write to it is here and names the composition's account, which
 * {@link CompositionChanges} learns before the statement and again when its transaction ends: what this node keeps
 * of an account's compositions is answered again only while nothing of that account has changed.
 */
@Repository
class CompositionRepository {

    private static final String NEWEST_FIRST = "created_at desc, id desc";

    private static final TypeReference<LinkedHashMap<String, VideoRegion>> LAYOUT = new TypeReference<>() { };
    private static final TypeReference<List<String>> IDS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JsonMapper mapper;
    private final CompositionChanges changes;
    // readers made once (a TypeReference passed to readValue is resolved anew on every call), values parsed once
    // per distinct text: three columns of every row of a list
    private final StoredJsonValues<LinkedHashMap<String, VideoRegion>> layouts;
    private final StoredJsonValues<List<String>> ids;

    CompositionRepository(JdbcClient jdbc, JsonMapper mapper, CompositionChanges changes) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.changes = changes;
        // the map is shared between rows: Composition copies it, and its regions are immutable
        this.layouts = new StoredJsonValues<>(mapper.readerFor(LAYOUT), layout -> layout);
        this.ids = new StoredJsonValues<>(mapper.readerFor(IDS), List::copyOf);
    }

    void insert(Composition c) {
        changes.changing(c.accountId());
        jdbc.sql("""
                insert into compositions (id, account_id, room_id, session_id, status, output_format, resolution,
                                          video_layout, audio_sources, audio_sources_excluded, trim_gaps,
                                          webhook_event_url, webhook_event_failover_url, webhook_timeout_secs,
                                          progress_percent, failure_reason, duration_secs, size_bytes, blob_key,
                                          started_at, ended_at, completed_at, created_at, updated_at,
                                          background_color, composition_hook_id, quality)
                values (:id, :account_id, :room_id, :session_id, :status, :output_format, :resolution,
                        :video_layout, :audio_sources, :audio_sources_excluded, :trim_gaps,
                        :webhook_event_url, :webhook_event_failover_url, :webhook_timeout_secs,
                        :progress_percent, :failure_reason, :duration_secs, :size_bytes, :blob_key,
                        :started_at, :ended_at, :completed_at, :created_at, :updated_at,
                        :background_color, :composition_hook_id, :quality)
                """)
                .param("id", c.id())
                .param("account_id", c.accountId())
                .param("room_id", c.roomId())
                .param("session_id", c.sessionId())
                .param("status", c.status().wireName())
                .param("output_format", c.format())
                .param("resolution", c.resolution())
                .param("video_layout", mapper.writeValueAsString(c.videoLayout()))
                .param("audio_sources", mapper.writeValueAsString(c.audioSources()))
                .param("audio_sources_excluded", mapper.writeValueAsString(c.audioSourcesExcluded()))
                .param("trim_gaps", c.trim())
                .param("webhook_event_url", c.webhooks().eventUrl())
                .param("webhook_event_failover_url", c.webhooks().failoverUrl())
                .param("webhook_timeout_secs", c.webhooks().timeoutSecs())
                .param("progress_percent", c.progressPercent())
                .param("failure_reason", c.failureReason())
                .param("duration_secs", c.durationSecs())
                .param("size_bytes", c.sizeBytes())
                .param("blob_key", c.blobKey())
                .param("started_at", Timestamps.toDb(c.startedAt()))
                .param("ended_at", Timestamps.toDb(c.endedAt()))
                .param("completed_at", Timestamps.toDb(c.completedAt()))
                .param("created_at", Timestamps.toDb(c.createdAt()))
                .param("updated_at", Timestamps.toDb(c.updatedAt()))
                .param("background_color", c.backgroundColor())
                .param("composition_hook_id", c.hookId())
                .param("quality", c.quality())
                .update();
    }

    Optional<Composition> find(UUID accountId, UUID id) {
        return jdbc.sql("select * from compositions where id = :id and account_id = :account_id")
                .param("id", id)
                .param("account_id", accountId)
                .query(this::map)
                .optional();
    }

    /** For the job, which runs for whichever account owns the composition. */
    Optional<Composition> find(UUID id) {
        return jdbc.sql("select * from compositions where id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /** Enqueued (or left processing by a node that died) becomes processing from 0 %. */
    boolean markProcessing(UUID accountId, UUID id, Instant now) {
        changes.changing(accountId);
        return jdbc.sql("""
                update compositions set status = 'processing', progress_percent = 0, updated_at = :now
                 where id = :id and account_id = :account_id and status in ('enqueued', 'processing')
                """)
                .param("id", id)
                .param("account_id", accountId)
                .param("now", Timestamps.toDb(now))
                .update() > 0;
    }

    /**
     * Locks the account's row until the caller's transaction ends: the queue's admissions and rendering slots of
     * one account are counted and taken one transaction at a time, on every node.
     */
    void lockAccount(UUID accountId) {
        jdbc.sql("select id from accounts where id = :account_id for update")
                .param("account_id", accountId)
                .query(UUID.class)
                .optional();
    }

    /** The account's compositions in the queue: enqueued, or processing. */
    int countQueued(UUID accountId) {
        return jdbc.sql("""
                select count(*) from compositions
                 where account_id = :account_id and status in ('enqueued', 'processing')
                """)
                .param("account_id", accountId)
                .query(Integer.class)
                .single();
    }

    /** The account's compositions rendering now (on any node), {@code id} left out. */
    int countProcessingBesides(UUID accountId, UUID id) {
        return jdbc.sql("""
                select count(*) from compositions
                 where account_id = :account_id and status = 'processing' and id <> :id
                """)
                .param("account_id", accountId)
                .param("id", id)
                .query(Integer.class)
                .single();
    }

    /** Processing goes back to enqueued at 0 %: its job was handed back to the queue by a node that stopped. */
    boolean requeue(UUID accountId, UUID id, Instant now) {
        changes.changing(accountId);
        return jdbc.sql("""
                update compositions set status = 'enqueued', progress_percent = 0, updated_at = :now
                 where id = :id and account_id = :account_id and status = 'processing'
                """)
                .param("id", id)
                .param("account_id", accountId)
                .param("now", Timestamps.toDb(now))
                .update() > 0;
    }

    /**
     * Answers false when the composition is gone: deleted while it was being composed. The percent never goes down
     * within a render (a segmented one's parts may report out of order, or start again); a new render starts from
     * 0 % through {@link #markProcessing}.
     */
    boolean updateProgress(UUID accountId, UUID id, int percent, Instant now) {
        changes.changing(accountId);
        return jdbc.sql("""
                update compositions set progress_percent = greatest(progress_percent, :percent), updated_at = :now
                 where id = :id and account_id = :account_id and status = 'processing'
                """)
                .param("id", id)
                .param("account_id", accountId)
                .param("percent", percent)
                .param("now", Timestamps.toDb(now))
                .update() > 0;
    }

    boolean complete(UUID accountId, UUID id, CompletedMedia media, Instant now) {
        changes.changing(accountId);
        return jdbc.sql("""
                update compositions set status = 'completed', progress_percent = 100, duration_secs = :duration_secs,
                                        size_bytes = :size_bytes, blob_key = :blob_key, started_at = :started_at,
                                        ended_at = :ended_at, completed_at = :now, updated_at = :now
                 where id = :id and account_id = :account_id and status = 'processing'
                """)
                .param("id", id)
                .param("account_id", accountId)
                .param("duration_secs", media.durationSecs())
                .param("size_bytes", media.sizeBytes())
                .param("blob_key", media.blobKey())
                .param("started_at", Timestamps.toDb(media.startedAt()))
                .param("ended_at", Timestamps.toDb(media.endedAt()))
                .param("now", Timestamps.toDb(now))
                .update() > 0;
    }

    boolean fail(UUID accountId, UUID id, String reason, Instant now) {
        changes.changing(accountId);
        return jdbc.sql("""
                update compositions set status = 'failed', failure_reason = :reason, updated_at = :now
                 where id = :id and account_id = :account_id and status in ('enqueued', 'processing')
                """)
                .param("id", id)
                .param("account_id", accountId)
                .param("reason", failureReason(reason))
                .param("now", Timestamps.toDb(now))
                .update() > 0;
    }

    /** The reason as stored (and sent in the failed event): at most what its column holds. */
    static String failureReason(String reason) {
        return reason.length() > 4000 ? reason.substring(0, 4000) : reason;
    }

    /** What a finished render leaves: the stored file and the wall-clock span it shows. */
    record CompletedMedia(String blobKey, long sizeBytes, int durationSecs, Instant startedAt, Instant endedAt) {
    }

    boolean delete(UUID accountId, UUID id) {
        changes.changing(accountId);
        return jdbc.sql("delete from compositions where id = :id and account_id = :account_id")
                .param("id", id)
                .param("account_id", accountId)
                .update() > 0;
    }

    /** One page of the account's compositions that match {@code query}, newest first. */
    ListResponse<Composition> list(UUID accountId, CompositionQuery query, PageRequest page) {
        return filter(accountId, query).page(jdbc, "compositions", NEWEST_FIRST, page, this::map);
    }

    /**
     * The ids and versions of the page {@link #list} would read: what {@link AnsweredCompositions} needs to know which
     * rows it must read in full. A page of rows answered before is this statement alone, a narrow one.
     */
    ListResponse<Version> listVersions(UUID accountId, CompositionQuery query, PageRequest page) {
        return filter(accountId, query).page(jdbc, "id, updated_at", "compositions", NEWEST_FIRST, page,
                (rs, row) -> new Version(rs.getObject("id", UUID.class), Timestamps.fromDb(rs, "updated_at")));
    }

    /** A composition's id and {@code updated_at}, which every change of it renews. */
    record Version(UUID id, Instant updatedAt) {
    }

    /**
     * The account's compositions of these ids that still match {@code query}, by id: a row deleted, or changed out of
     * the query (a status filter), since its id was listed is left out.
     */
    Map<UUID, Composition> findAll(UUID accountId, CompositionQuery query, Collection<UUID> ids) {
        SqlFilter filter = filter(accountId, query).where("id in (:ids)", "ids", ids);
        Map<UUID, Composition> found = new HashMap<>();
        filter.bind(jdbc.sql("select * from compositions" + filter.sql()))
                .query(this::map)
                .list()
                .forEach(composition -> found.put(composition.id(), composition));
        return found;
    }

    private static SqlFilter filter(UUID accountId, CompositionQuery query) {
        return new SqlFilter()
                .where("account_id = :account_id", "account_id", accountId)
                .dates("created_at", query.created())
                .whereIfPresent("session_id = :session_id", "session_id", query.sessionId())
                .whereIfPresent("status = :status", "status", query.status())
                .whereIfPresent("created_at >= :created_from", "created_from",
                        query.createdFrom().map(Timestamps::toDb))
                .whereIfPresent("created_at < :created_before", "created_before",
                        query.createdBefore().map(Timestamps::toDb));
    }

    private Composition map(ResultSet rs, int row) throws SQLException {
        return new Composition(
                rs.getObject("id", UUID.class),
                rs.getObject("account_id", UUID.class),
                rs.getObject("room_id", UUID.class),
                rs.getObject("session_id", UUID.class),
                CompositionStatus.fromWire(rs.getString("status")),
                rs.getString("output_format"),
                rs.getString("resolution"),
                layouts.read(rs.getString("video_layout")),
                ids.read(rs.getString("audio_sources")),
                ids.read(rs.getString("audio_sources_excluded")),
                rs.getBoolean("trim_gaps"),
                new WebhookTarget(rs.getString("webhook_event_url"), rs.getString("webhook_event_failover_url"),
                        rs.getObject("webhook_timeout_secs", Integer.class)),
                rs.getInt("progress_percent"),
                rs.getString("failure_reason"),
                rs.getObject("duration_secs", Integer.class),
                rs.getObject("size_bytes", Long.class),
                rs.getString("blob_key"),
                Timestamps.fromDb(rs, "started_at"),
                Timestamps.fromDb(rs, "ended_at"),
                Timestamps.fromDb(rs, "completed_at"),
                Timestamps.fromDb(rs, "created_at"),
                Timestamps.fromDb(rs, "updated_at"),
                rs.getString("background_color"),
                rs.getObject("composition_hook_id", UUID.class),
                rs.getString("quality"));
    }
}
