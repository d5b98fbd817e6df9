package dev.montage.rooms;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.montage.api.ListResponse;
import dev.montage.api.PageRequest;
import dev.montage.api.SqlFilter;
import dev.montage.api.Timestamps;
import dev.montage.api.WebhookTarget;

@Repository
class RoomRepository {

    private final JdbcClient jdbc;

    RoomRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Room room) {
        jdbc.sql("""
                insert into rooms (id, account_id, unique_name, max_participants, enable_recording, webhook_event_url,
                                   webhook_event_failover_url, webhook_timeout_secs, created_at, updated_at)
                values (:id, :account_id, :unique_name, :max_participants, :enable_recording, :webhook_event_url,
                        :webhook_event_failover_url, :webhook_timeout_secs, :created_at, :updated_at)
                """)
                .param("id", room.id())
                .param("account_id", room.accountId())
                .param("created_at", Timestamps.toDb(room.createdAt()))
                .params(mutableColumns(room))
                .update();
    }

    void update(Room room) {
        jdbc.sql("""
                update rooms set unique_name = :unique_name, max_participants = :max_participants,
                                 enable_recording = :enable_recording, webhook_event_url = :webhook_event_url,
                                 webhook_event_failover_url = :webhook_event_failover_url,
                                 webhook_timeout_secs = :webhook_timeout_secs, updated_at = :updated_at
                 where id = :id and account_id = :account_id
                """)
                .param("id", room.id())
                .param("account_id", room.accountId())
                .params(mutableColumns(room))
                .update();
    }

    Optional<Room> find(UUID accountId, UUID id) {
        return jdbc.sql("select * from rooms where id = :id and account_id = :account_id")
                .param("id", id)
                .param("account_id", accountId)
                .query(RoomRepository::map)
                .optional();
    }

    boolean uniqueNameTaken(UUID accountId, String uniqueName, UUID exceptRoomId) {
        return jdbc.sql("""
                select count(*) from rooms
                 where account_id = :account_id and unique_name = :unique_name and id <> :except_id
                """)
                .param("account_id", accountId)
                .param("unique_name", uniqueName)
                .param("except_id", exceptRoomId)
                .query(Long.class)
                .single() > 0;
    }

    boolean delete(UUID accountId, UUID id) {
        return jdbc.sql("delete from rooms where id = :id and account_id = :account_id")
                .param("id", id)
                .param("account_id", accountId)
                .update() > 0;
    }

    /** One page of the account's rooms that {@code query} selects, newest first. */
    ListResponse<Room> list(UUID accountId, RoomQuery query, PageRequest page) {
        SqlFilter filter = new SqlFilter()
                .where("account_id = :account_id", "account_id", accountId)
                .dates("created_at", query.created())
                .dates("updated_at", query.updated())
                .whereIfPresent("unique_name = :unique_name", "unique_name", query.uniqueName());
        return filter.page(jdbc, "rooms", "created_at desc, id desc", page, RoomRepository::map);
    }

    private static java.util.Map<String, Object> mutableColumns(Room room) {
        java.util.Map<String, Object> columns = new java.util.HashMap<>();
        columns.put("unique_name", room.uniqueName());
        columns.put("max_participants", room.maxParticipants());
        columns.put("enable_recording", room.enableRecording());
        columns.put("webhook_event_url", room.webhooks().eventUrl());
        columns.put("webhook_event_failover_url", room.webhooks().failoverUrl());
        columns.put("webhook_timeout_secs", room.webhooks().timeoutSecs());
        columns.put("updated_at", Timestamps.toDb(room.updatedAt()));
        return columns;
    }

    private static Room map(ResultSet rs, int row) throws SQLException {
        return new Room(
                rs.getObject("id", UUID.class),
                rs.getObject("account_id", UUID.class),
                rs.getString("unique_name"),
                rs.getInt("max_participants"),
                rs.getBoolean("enable_recording"),
                new WebhookTarget(rs.getString("webhook_event_url"), rs.getString("webhook_event_failover_url"),
                        rs.getObject("webhook_timeout_secs", Integer.class)),
                Timestamps.fromDb(rs, "created_at"),
                Timestamps.fromDb(rs, "updated_at"));
    }
}
