package dev.montage.rooms;

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

@Repository
class ParticipantRepository {

    private final JdbcClient jdbc;

    ParticipantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(RoomParticipant participant) {
        jdbc.sql("""
                insert into room_participants (id, account_id, session_id, participant_context, joined_at, left_at, updated_at)
                values (:id, :account_id, :session_id, :participant_context, :joined_at, :left_at, :updated_at)
                """)
                .param("id", participant.id())
                .param("account_id", participant.accountId())
                .param("session_id", participant.sessionId())
                .param("participant_context", participant.context())
                .param("joined_at", Timestamps.toDb(participant.joinedAt()))
                .param("left_at", Timestamps.toDb(participant.leftAt()))
                .param("updated_at", Timestamps.toDb(participant.updatedAt()))
                .update();
    }

    void update(RoomParticipant participant) {
        jdbc.sql("""
                update room_participants set participant_context = :participant_context, joined_at = :joined_at,
                                             left_at = :left_at, updated_at = :updated_at
                 where id = :id and account_id = :account_id
                """)
                .param("id", participant.id())
                .param("account_id", participant.accountId())
                .param("participant_context", participant.context())
                .param("joined_at", Timestamps.toDb(participant.joinedAt()))
                .param("left_at", Timestamps.toDb(participant.leftAt()))
                .param("updated_at", Timestamps.toDb(participant.updatedAt()))
                .update();
    }

    Optional<RoomParticipant> find(UUID accountId, UUID id) {
        return jdbc.sql("select * from room_participants where id = :id and account_id = :account_id")
                .param("id", id)
                .param("account_id", accountId)
                .query(ParticipantRepository::map)
                .optional();
    }

    List<RoomParticipant> listForSession(UUID accountId, UUID sessionId) {
        return jdbc.sql("""
                select * from room_participants where account_id = :account_id and session_id = :session_id
                 order by joined_at, id
                """)
                .param("account_id", accountId)
                .param("session_id", sessionId)
                .query(ParticipantRepository::map)
                .list();
    }

    /** Participants still present when their session ends leave at that instant. */
    void leaveAll(UUID accountId, UUID sessionId, Instant leftAt) {
        jdbc.sql("""
                update room_participants set left_at = :left_at, updated_at = :left_at
                 where account_id = :account_id and session_id = :session_id and left_at is null
                """)
                .param("account_id", accountId)
                .param("session_id", sessionId)
                .param("left_at", Timestamps.toDb(leftAt))
                .update();
    }

    /** One page of the account's participants that {@code query} selects, latest joined first. */
    ListResponse<RoomParticipant> list(UUID accountId, ParticipantQuery query, PageRequest page) {
        SqlFilter filter = new SqlFilter()
                .where("account_id = :account_id", "account_id", accountId)
                .whereIfPresent("session_id = :session_id", "session_id", query.sessionId())
                .whereIfPresent("participant_context = :participant_context", "participant_context",
                        query.context())
                .dates("joined_at", query.joined())
                .dates("left_at", query.left())
                .dates("updated_at", query.updated());
        return filter.page(jdbc, "room_participants", "joined_at desc, id desc", page, ParticipantRepository::map);
    }

    private static RoomParticipant map(ResultSet rs, int row) throws SQLException {
        return new RoomParticipant(
                rs.getObject("id", UUID.class),
                rs.getObject("account_id", UUID.class),
                rs.getObject("session_id", UUID.class),
                rs.getString("participant_context"),
                Timestamps.fromDb(rs, "joined_at"),
                Timestamps.fromDb(rs, "left_at"),
                Timestamps.fromDb(rs, "updated_at"));
    }
}
