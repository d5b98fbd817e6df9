package dev.montage.hooks;

import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.montage.api.Timestamps;

/**
 * Which hook made which composition for which session: at most one per hook and session (the primary key). A firing
 * that could make no composition has none.
 */
@Repository
class HookFiringRepository {

    private final JdbcClient jdbc;

    HookFiringRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean fired(UUID accountId, UUID hookId, UUID sessionId) {
        return jdbc.sql("""
                select count(*) from composition_hook_firings
                 where account_id = :account_id and hook_id = :hook_id and session_id = :session_id
                """)
                .param("account_id", accountId)
                .param("hook_id", hookId)
                .param("session_id", sessionId)
                .query(Long.class)
                .single() > 0;
    }

    /**
     * Throws {@code DuplicateKeyException} when the hook already fired for the session, on another node too.
     * {@code compositionId} is null for a firing that made none.
     */
    void insert(UUID accountId, UUID hookId, UUID sessionId, UUID compositionId, Instant firedAt) {
        jdbc.sql("""
                insert into composition_hook_firings (hook_id, session_id, account_id, composition_id, fired_at)
                values (:hook_id, :session_id, :account_id, :composition_id, :fired_at)
                """)
                .param("hook_id", hookId)
                .param("session_id", sessionId)
                .param("account_id", accountId)
                .param("composition_id", compositionId)
                .param("fired_at", Timestamps.toDb(firedAt))
                .update();
    }
}
