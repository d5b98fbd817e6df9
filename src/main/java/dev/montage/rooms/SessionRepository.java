package dev.montage.rooms;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.montage.api.AccountId;
import dev.montage.api.ListResponse;
import dev.montage.api.PageRequest;
import dev.montage.api.SqlFilter;
import dev.montage.api.Timestamps;

@Repository
class SessionRepository {

    private final JdbcClient jdbc;

    SessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(RoomSession session) {
        jdbc.sql("""
                insert into room_sessions (id, account_id, room_id, is_active, created_at, updated_at, ended_at)
                values (:id, :account_id, :room_id, :is_active, :created_at, :updated_at, :ended_at)
                """)
                .param("id", session.id())
                .param("account_id", session.accountId())
                .param("room_id", session.roomId())
                .param("is_active", session.active())
                .param("created_at", Timestamps.toDb(session.createdAt()))
                .param("updated_at", Timestamps.toDb(session.updatedAt()))
                .param("ended_at", Timestamps.toDb(session.endedAt()))
                .update();
    }

    Optional<RoomSession> find(UUID accountId, UUID id) {
        return jdbc.sql("select * from room_sessions where id = :id and account_id = :account_id")
                .param("id", id)
                .param("account_id", accountId)
                .query(SessionRepository::map)
                .optional();
    }

    Optional<RoomSession> findActive(UUID accountId, UUID roomId) {
        return jdbc.sql("""
                select * from room_sessions
                 where account_id = :account_id and room_id = :room_id and is_active
                 order by created_at desc, id desc
                """)
                .param("account_id", accountId)
                .param("room_id", roomId)
                .query(SessionRepository::map)
                .list().stream().findFirst();
    }

    List<RoomSession> listForRoom(UUID accountId, UUID roomId) {
        return jdbc.sql("""
                select * from room_sessions where account_id = :account_id and room_id = :room_id
                 order by created_at desc, id desc
                """)
                .param("account_id", accountId)
                .param("room_id", roomId)
                .query(SessionRepository::map)
                .list();
    }

    /**
     * Active sessions of every account (for the idle-end task, which works for all of them) that no upload has
     * touched since {@code cutoff} and whose recordings all ended before it, at most {@code limit}.
     */
    List<RoomSessionEnded> idleSince(Instant cutoff, int limit) {
        return jdbc.sql("""
                select s.account_id, s.id from room_sessions s
                 where s.is_active and s.updated_at < :cutoff
                   and not exists (select 1 from room_recordings r
                                    where r.session_id = s.id and r.ended_at >= :cutoff)
                 order by s.updated_at limit :limit
                """)
                .param("cutoff", Timestamps.toDb(cutoff))
                .param("limit", limit)
                .query((rs, row) -> new RoomSessionEnded(new AccountId(rs.getObject("account_id",
                        UUID.class)), rs.getObject("id", UUID.class)))
                .list();
    }

    /** False when the session was already ended, by this node or another. */
    boolean end(UUID accountId, UUID id, Instant endedAt) {
        return jdbc.sql("""
                update room_sessions set is_active = false, ended_at = :ended_at, updated_at = :ended_at
                 where id = :id and account_id = :account_id and is_active
                """)
                .param("id", id)
                .param("account_id", accountId)
                .param("ended_at", Timestamps.toDb(endedAt))
                .update() > 0;
    }

    /**
     * Ends the session only if it is still idle since {@code cutoff}, as {@link #idleSince} found it: an upload
     * between that list and this update keeps it active. False when it was ended already or is no longer idle.
     */
    boolean endIfIdle(UUID accountId, UUID id, Instant endedAt, Instant cutoff) {
        return jdbc.sql("""
                update room_sessions set is_active = false, ended_at = :ended_at, updated_at = :ended_at
                 where id = :id and account_id = :account_id and is_active and updated_at < :cutoff
                   and not exists (select 1 from room_recordings r
                                    where r.session_id = room_sessions.id and r.ended_at >= :cutoff)
                """)
                .param("id", id)
                .param("account_id", accountId)
                .param("ended_at", Timestamps.toDb(endedAt))
                .param("cutoff", Timestamps.toDb(cutoff))
                .update() > 0;
    }

    void touch(UUID accountId, UUID id, Instant updatedAt) {
        jdbc.sql("update room_sessions set updated_at = :updated_at where id = :id and account_id = :account_id")
                .param("id", id)
                .param("account_id", accountId)
                .param("updated_at", Timestamps.toDb(updatedAt))
                .update();
    }

    /** One page of the account's sessions that {@code query} selects, newest first. */
    ListResponse<RoomSession> list(UUID accountId, SessionQuery query, PageRequest page) {
        SqlFilter filter = new SqlFilter()
                .where("account_id = :account_id", "account_id", accountId)
                .whereIfPresent("room_id = :room_id", "room_id", query.roomId())
                .whereIfPresent("is_active = :is_active", "is_active", query.active())
                .dates("created_at", query.created())
                .dates("updated_at", query.updated())
                .dates("ended_at", query.ended());
        return filter.page(jdbc, "room_sessions", "created_at desc, id desc", page, SessionRepository::map);
    }

    private static RoomSession map(ResultSet rs, int row) throws SQLException {
        return new RoomSession(
                rs.getObject("id", UUID.class),
                rs.getObject("account_id", UUID.class),
                rs.getObject("room_id", UUID.class),
                rs.getBoolean("is_active"),
                Timestamps.fromDb(rs, "created_at"),
                Timestamps.fromDb(rs, "updated_at"),
                Timestamps.fromDb(rs, "ended_at"));
    }
}
