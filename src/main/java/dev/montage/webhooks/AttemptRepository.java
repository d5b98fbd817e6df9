package dev.montage.webhooks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.montage.api.ListResponse;
import dev.montage.api.PageRequest;
import dev.montage.api.SqlFilter;
import dev.montage.api.Timestamps;
import dev.montage.webhooks.DeliveryAttempt.Outcome;
import dev.montage.webhooks.DeliveryAttempt.Target;

@Repository
class AttemptRepository {

    private final JdbcClient jdbc;

    AttemptRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(DeliveryAttempt a) {
        jdbc.sql("""
                insert into webhook_deliveries (id, event_id, account_id, composition_id, event_type, target, url,
                                                attempt, outcome, status_code, error, attempted_at)
                values (:id, :event_id, :account_id, :composition_id, :event_type, :target, :url,
                        :attempt, :outcome, :status_code, :error, :attempted_at)
                """)
                .param("id", a.id())
                .param("event_id", a.eventId())
                .param("account_id", a.accountId())
                .param("composition_id", a.compositionId())
                .param("event_type", a.eventType())
                .param("target", a.target().wireName())
                .param("url", a.url())
                .param("attempt", a.attempt())
                .param("outcome", a.outcome().wireName())
                .param("status_code", a.statusCode())
                .param("error", a.error() == null || a.error().length() <= 1000 ? a.error() : a.error().substring(0, 1000))
                .param("attempted_at", Timestamps.toDb(a.attemptedAt()))
                .update();
    }

    List<DeliveryAttempt> ofEvent(UUID eventId) {
        return jdbc.sql("select * from webhook_deliveries where event_id = :event_id order by attempted_at, id")
                .param("event_id", eventId)
                .query(AttemptRepository::map)
                .list();
    }

    /** One page of the delivery attempts of the account's composition, newest first. */
    ListResponse<DeliveryAttempt> ofComposition(UUID accountId, UUID compositionId, PageRequest page) {
        SqlFilter filter = new SqlFilter()
                .where("account_id = :account_id", "account_id", accountId)
                .where("composition_id = :composition_id", "composition_id", compositionId);
        return filter.page(jdbc, "webhook_deliveries", "attempted_at desc, id desc", page, AttemptRepository::map);
    }

    private static DeliveryAttempt map(ResultSet rs, int row) throws SQLException {
        return new DeliveryAttempt(
                rs.getObject("id", UUID.class),
                rs.getObject("event_id", UUID.class),
                rs.getObject("account_id", UUID.class),
                rs.getObject("composition_id", UUID.class),
                rs.getString("event_type"),
                Target.fromWire(rs.getString("target")),
                rs.getString("url"),
                rs.getInt("attempt"),
                Outcome.fromWire(rs.getString("outcome")),
                rs.getObject("status_code", Integer.class),
                rs.getString("error"),
                Timestamps.fromDb(rs, "attempted_at"));
    }
}
