package dev.montage.webhooks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.montage.api.Timestamps;
import dev.montage.webhooks.WebhookEvent.Status;

@Repository
class EventRepository {

    private final JdbcClient jdbc;

    EventRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(WebhookEvent event) {
        jdbc.sql("""
                insert into webhook_events (id, account_id, event_type, composition_id, event_data, event_url,
                                            failover_url, timeout_secs, status, occurred_at, created_at, updated_at,
                                            protocol, http_method, sealed_token)
                values (:id, :account_id, :event_type, :composition_id, :event_data, :event_url,
                        :failover_url, :timeout_secs, :status, :occurred_at, :created_at, :created_at,
                        :protocol, :http_method, :sealed_token)
                """)
                .param("id", event.id())
                .param("account_id", event.accountId())
                .param("event_type", event.eventType())
                .param("composition_id", event.compositionId())
                .param("event_data", event.eventData())
                .param("event_url", event.eventUrl())
                .param("failover_url", event.failoverUrl())
                .param("timeout_secs", event.timeoutSecs())
                .param("status", event.status().wireName())
                .param("occurred_at", Timestamps.toDb(event.occurredAt()))
                .param("created_at", Timestamps.toDb(event.createdAt()))
                .param("protocol", event.protocol().wireName())
                .param("http_method", event.httpMethod())
                .param("sealed_token", event.sealedToken())
                .update();
    }

    Optional<WebhookEvent> find(UUID id) {
        return jdbc.sql("select * from webhook_events where id = :id")
                .param("id", id)
                .query(EventRepository::map)
                .optional();
    }

    /** Delivered or failed: no attempt follows. */
    /**
     * The event's delivery is over: its status is final, and the sealed key that signed it is dropped, since it will
     * sign nothing more (a key kept for Twilio's callbacks stays in one place, with its composition's callback).
     */
    void finish(UUID id, Status status, Instant now) {
        jdbc.sql("""
                update webhook_events set status = :status, updated_at = :now, sealed_token = null
                 where id = :id and status = 'pending'
                """)
                .param("id", id)
                .param("status", status.wireName())
                .param("now", Timestamps.toDb(now))
                .update();
    }

    private static WebhookEvent map(ResultSet rs, int row) throws SQLException {
        return new WebhookEvent(
                rs.getObject("id", UUID.class),
                rs.getObject("account_id", UUID.class),
                rs.getString("event_type"),
                rs.getObject("composition_id", UUID.class),
                rs.getString("event_data"),
                rs.getString("event_url"),
                rs.getString("failover_url"),
                rs.getObject("timeout_secs", Integer.class),
                Status.fromWire(rs.getString("status")),
                Timestamps.fromDb(rs, "occurred_at"),
                Timestamps.fromDb(rs, "created_at"),
                WebhookEvent.Protocol.fromWire(rs.getString("protocol")),
                rs.getString("http_method"),
                rs.getString("sealed_token"));
    }
}
