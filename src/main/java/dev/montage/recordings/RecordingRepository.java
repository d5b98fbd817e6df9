package dev.montage.recordings;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.montage.api.ListResponse;
import dev.montage.api.PageRequest;
import dev.montage.api.SqlFilter;
import dev.montage.api.Timestamps;
import dev.montage.layout.SpeechLevels;
import dev.montage.media.MediaKind;

@Repository
class RecordingRepository {

    private final JdbcClient jdbc;

    RecordingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(RoomRecording r) {
        jdbc.sql("""
                insert into room_recordings (id, account_id, room_id, session_id, participant_id, track_type, codec,
                                             status, blob_key, stream_index, duration_millis, size_bytes, media_info,
                                             started_at, ended_at, completed_at, created_at, updated_at, track_name)
                values (:id, :account_id, :room_id, :session_id, :participant_id, :track_type, :codec,
                        :status, :blob_key, :stream_index, :duration_millis, :size_bytes, :media_info,
                        :started_at, :ended_at, :completed_at, :created_at, :updated_at, :track_name)
                """)
                .param("id", r.id())
                .param("account_id", r.accountId())
                .param("room_id", r.roomId())
                .param("session_id", r.sessionId())
                .param("participant_id", r.participantId())
                .param("track_type", r.kind().wireName())
                .param("codec", r.codec())
                .param("status", r.status())
                .param("blob_key", r.blobKey())
                .param("stream_index", r.streamIndex())
                .param("duration_millis", r.durationMillis())
                .param("size_bytes", r.sizeBytes())
                .param("media_info", r.mediaInfoJson())
                .param("started_at", Timestamps.toDb(r.startedAt()))
                .param("ended_at", Timestamps.toDb(r.endedAt()))
                .param("completed_at", Timestamps.toDb(r.completedAt()))
                .param("created_at", Timestamps.toDb(r.createdAt()))
                .param("updated_at", Timestamps.toDb(r.updatedAt()))
                .param("track_name", r.trackName().orElse(null))
                .update();
    }

    /** Marks a new audio recording's timeline as still to be made, by the analysis job or by a composition. */
    void markSpeechPending(UUID accountId, UUID id) {
        jdbc.sql("""
                update room_recordings set speech_status = 'pending' where id = :id and account_id = :account_id
                """)
                .param("id", id)
                .param("account_id", accountId)
                .update();
    }

    /**
     * Keeps a pending recording's speech-activity timeline in its row; false when the row is gone or its analysis
     * was decided meanwhile (the job and a composition may both have analysed it; the first one's is kept).
     */
    boolean storeSpeechLevels(UUID id, SpeechLevels levels) {
        return jdbc.sql("""
                update room_recordings set speech_status = 'analysed', speech_failure = null,
                                           speech_window_millis = :window_millis, speech_levels = :levels
                 where id = :id and speech_status = 'pending'
                """)
                .param("id", id)
                .param("window_millis", levels.windowMillis())
                .param("levels", levels.toBytes())
                .update() == 1;
    }

    /** Records why a pending recording has no timeline; false when the row is gone or was decided meanwhile. */
    boolean storeSpeechFailure(UUID id, String reason) {
        return jdbc.sql("""
                update room_recordings set speech_status = 'failed', speech_failure = :reason
                 where id = :id and speech_status = 'pending'
                """)
                .param("id", id)
                .param("reason", reason.length() > 1000 ? reason.substring(0, 997) + "..." : reason)
                .update() == 1;
    }

    /**
     * Where the recording's speech-activity timeline stands; empty for video and for audio that never had one
     * made (uploaded before timelines existed, or while the analysis was turned off).
     */
    Optional<StoredTimeline> findSpeech(UUID accountId, UUID id) {
        return jdbc.sql("""
                select speech_status, speech_failure, speech_window_millis, speech_levels from room_recordings
                 where id = :id and account_id = :account_id and speech_status is not null
                """)
                .param("id", id)
                .param("account_id", accountId)
                .query(RecordingRepository::timeline)
                .optional();
    }

    /** A timeline's state: the levels once analysed, the reason once failed. */
    record StoredTimeline(SpeechStatus status, Optional<String> failure, Optional<SpeechLevels> levels) {
    }

    private static StoredTimeline timeline(ResultSet rs, int row) throws SQLException {
        byte[] levels = rs.getBytes("speech_levels");
        return new StoredTimeline(SpeechStatus.fromWire(rs.getString("speech_status")),
                Optional.ofNullable(rs.getString("speech_failure")), levels == null ? Optional.empty()
                        : Optional.of(SpeechLevels.fromBytes(rs.getInt("speech_window_millis"), levels)));
    }

    /** The recording, if its timeline is still to be made: what the analysis job starts from (no tenant known). */
    Optional<RoomRecording> findPendingSpeech(UUID id) {
        return jdbc.sql("select * from room_recordings where id = :id and speech_status = 'pending'")
                .param("id", id)
                .query(RecordingRepository::map)
                .optional();
    }

    /** A session's audio recordings whose timeline is still to be made, in start order. */
    List<RoomRecording> listPendingSpeechForSession(UUID accountId, UUID sessionId) {
        return jdbc.sql("""
                select * from room_recordings
                 where account_id = :account_id and session_id = :session_id and speech_status = 'pending'
                 order by started_at, id
                """)
                .param("account_id", accountId)
                .param("session_id", sessionId)
                .query(RecordingRepository::map)
                .list();
    }

    /** Where a session's timelines start and what they hold, by participant: what the active speaker is decided on. */
    List<StoredSpeech> listSpeechForSession(UUID accountId, UUID sessionId) {
        return jdbc.sql("""
                select participant_id, started_at, speech_window_millis, speech_levels from room_recordings
                 where account_id = :account_id and session_id = :session_id and speech_levels is not null
                 order by started_at, id
                """)
                .param("account_id", accountId)
                .param("session_id", sessionId)
                .query((rs, row) -> new StoredSpeech(rs.getObject("participant_id", UUID.class),
                        Timestamps.fromDb(rs, "started_at"), SpeechLevels.fromBytes(rs.getInt("speech_window_millis"),
                        rs.getBytes("speech_levels"))))
                .list();
    }

    /** One audio recording's timeline and where it starts. */
    record StoredSpeech(UUID participantId, Instant startedAt, SpeechLevels levels) {
    }

    Optional<RoomRecording> find(UUID accountId, UUID id) {
        return jdbc.sql("select * from room_recordings where id = :id and account_id = :account_id")
                .param("id", id)
                .param("account_id", accountId)
                .query(RecordingRepository::map)
                .optional();
    }

    List<RoomRecording> listForSession(UUID accountId, UUID sessionId) {
        return jdbc.sql("""
                select * from room_recordings where account_id = :account_id and session_id = :session_id
                 order by started_at, id
                """)
                .param("account_id", accountId)
                .param("session_id", sessionId)
                .query(RecordingRepository::map)
                .list();
    }

    /** The ids of a session's recordings, their rows locked until the caller's transaction ends. */
    List<UUID> lockForSession(UUID accountId, UUID sessionId) {
        return jdbc.sql("""
                select id from room_recordings where account_id = :account_id and session_id = :session_id
                   for update
                """)
                .param("account_id", accountId)
                .param("session_id", sessionId)
                .query(UUID.class)
                .list();
    }

    /** Every recording of the account that {@code query} selects, unpaged: the bulk delete's selection. */
    List<RoomRecording> listAll(UUID accountId, RecordingQuery query) {
        SqlFilter filter = filter(accountId, query);
        return filter.bind(jdbc.sql("select * from room_recordings" + filter.sql())).query(RecordingRepository::map).list();
    }

    /** One page of the account's recordings that {@code query} selects, newest first. */
    ListResponse<RoomRecording> list(UUID accountId, RecordingQuery query, PageRequest page) {
        return filter(accountId, query).page(jdbc, "room_recordings", "started_at desc, id desc", page,
                RecordingRepository::map);
    }

    private static SqlFilter filter(UUID accountId, RecordingQuery query) {
        return new SqlFilter()
                .where("account_id = :account_id", "account_id", accountId)
                .dates("started_at", query.started())
                .dates("ended_at", query.ended())
                .whereIfPresent("room_id = :room_id", "room_id", query.roomId())
                .whereIfPresent("session_id = :session_id", "session_id", query.sessionId())
                .whereIfPresent("participant_id = :participant_id", "participant_id", query.participantId())
                .whereIfPresent("status = :status", "status", query.status())
                .whereIfPresent("track_type = :track_type", "track_type", query.trackType())
                .whereIfPresent("track_name like :track_name escape '\\'", "track_name",
                        query.trackName().map(RecordingRepository::likePattern))
                .whereIfPresent("duration_millis >= :min_duration_millis", "min_duration_millis",
                        query.minDurationMillis());
    }

    void delete(UUID accountId, UUID id) {
        jdbc.sql("delete from room_recordings where id = :id and account_id = :account_id")
                .param("id", id)
                .param("account_id", accountId)
                .update();
    }

    boolean blobInUse(String blobKey) {
        return jdbc.sql("select count(*) from room_recordings where blob_key = :blob_key")
                .param("blob_key", blobKey)
                .query(Long.class)
                .single() > 0;
    }

    private static RoomRecording map(ResultSet rs, int row) throws SQLException {
        return new RoomRecording(
                rs.getObject("id", UUID.class),
                rs.getObject("account_id", UUID.class),
                rs.getObject("room_id", UUID.class),
                rs.getObject("session_id", UUID.class),
                rs.getObject("participant_id", UUID.class),
                MediaKind.fromWire(rs.getString("track_type")),
                rs.getString("codec"),
                rs.getString("status"),
                rs.getString("blob_key"),
                rs.getInt("stream_index"),
                rs.getLong("duration_millis"),
                rs.getLong("size_bytes"),
                rs.getString("media_info"),
                Timestamps.fromDb(rs, "started_at"),
                Timestamps.fromDb(rs, "ended_at"),
                Timestamps.fromDb(rs, "completed_at"),
                Timestamps.fromDb(rs, "created_at"),
                Timestamps.fromDb(rs, "updated_at"),
                Optional.ofNullable(rs.getString("track_name")));
    }

    /**
     * A track-name glob as a LIKE pattern with {@code \} as its escape: {@code *} becomes {@code %}, {@code ?}
     * becomes {@code _}, and LIKE's own wildcards in the name stand for themselves. A recording without a track
     * name (null) matches no pattern, as in compositions.
     */
    static String likePattern(String glob) {
        StringBuilder like = new StringBuilder(glob.length() + 8);
        glob.codePoints().forEach(c -> {
            switch (c) {
                case '*' -> like.append('%');
                case '?' -> like.append('_');
                case '%', '_', '\\' -> like.append('\\').appendCodePoint(c);
                default -> like.appendCodePoint(c);
            }
        });
        return like.toString();
    }
}
