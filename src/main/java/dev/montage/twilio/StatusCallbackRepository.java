package dev.montage.twilio;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.montage.webhooks.StatusCallbackTarget;

/** The status callback of each composition made under /v1 with a {@code StatusCallback}. */
@Repository
class StatusCallbackRepository {

    private final JdbcClient jdbc;

    StatusCallbackRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID accountId, UUID compositionId, StatusCallbackTarget target) {
        jdbc.sql("""
                insert into twilio_status_callbacks (composition_id, account_id, url, http_method, sealed_token)
                values (:composition_id, :account_id, :url, :http_method, :sealed_token)
                """)
                .param("composition_id", compositionId)
                .param("account_id", accountId)
                .param("url", target.url())
                .param("http_method", target.method())
                .param("sealed_token", target.sealedToken())
                .update();
    }

    Optional<StatusCallbackTarget> find(UUID accountId, UUID compositionId) {
        return jdbc.sql("""
                select url, http_method, sealed_token from twilio_status_callbacks
                 where account_id = :account_id and composition_id = :composition_id
                """)
                .param("account_id", accountId)
                .param("composition_id", compositionId)
                .query((rs, row) -> new StatusCallbackTarget(rs.getString("url"), rs.getString("http_method"),
                        rs.getString("sealed_token")))
                .optional();
    }
}
