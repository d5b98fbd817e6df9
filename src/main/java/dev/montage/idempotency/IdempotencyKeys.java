package dev.montage.idempotency;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.montage.api.Timestamps;

/**
 * The {@code idempotency_keys} table. Every statement runs on its own (auto-commit): a claim must be visible to a
 * concurrent duplicate at once, before the request it guards has done anything.
 */
@Repository
class IdempotencyKeys {

    private final JdbcClient jdbc;

    IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A key's row: {@code answer} is empty while its first request is still running. */
    record Row(String requestHash, Instant claimedAt, Optional<StoredAnswer> answer) {
    }

    /** Inserts the key as in progress; false when the account already has a row for it. */
    boolean claim(UUID accountId, String key, String requestHash, Instant now) {
        try {
            jdbc.sql("""
                    insert into idempotency_keys (account_id, idempotency_key, request_hash, claimed_at)
                    values (:account_id, :key, :request_hash, :claimed_at)
                    """)
                    .param("account_id", accountId)
                    .param("key", key)
                    .param("request_hash", requestHash)
                    .param("claimed_at", Timestamps.toDb(now))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    Optional<Row> find(UUID accountId, String key) {
        return jdbc.sql("""
                select request_hash, claimed_at, status_code, answer_headers, answer_body
                  from idempotency_keys
                 where account_id = :account_id and idempotency_key = :key
                """)
                .param("account_id", accountId)
                .param("key", key)
                .query((rs, n) -> {
                    int status = rs.getInt("status_code");
                    Optional<StoredAnswer> answer = rs.wasNull() ? Optional.empty()
                            : Optional.of(new StoredAnswer(status,
                                    StoredAnswer.parseHeaderLines(rs.getString("answer_headers")),
                                    rs.getBytes("answer_body")));
                    return new Row(rs.getString("request_hash"), Timestamps.fromDb(rs, "claimed_at"), answer);
                })
                .optional();
    }

    /** Stores the answer of the request that claimed the key at {@code claimedAt}. */
    void answer(UUID accountId, String key, Instant claimedAt, StoredAnswer answer) {
        jdbc.sql("""
                update idempotency_keys
                   set status_code = :status_code, answer_headers = :answer_headers, answer_body = :answer_body
                 where account_id = :account_id and idempotency_key = :key and claimed_at = :claimed_at
                """)
                .param("account_id", accountId)
                .param("key", key)
                .param("claimed_at", Timestamps.toDb(claimedAt))
                .param("status_code", answer.status())
                .param("answer_headers", answer.headerLines())
                .param("answer_body", answer.body())
                .update();
    }

    /**
     * Deletes the row claimed at {@code claimedAt}, and only that one: a request releasing its own claim (its answer
     * is not kept), or one taking over an expired or abandoned row, never removes a newer claim by someone else.
     */
    void release(UUID accountId, String key, Instant claimedAt) {
        jdbc.sql("""
                delete from idempotency_keys
                 where account_id = :account_id and idempotency_key = :key and claimed_at = :claimed_at
                """)
                .param("account_id", accountId)
                .param("key", key)
                .param("claimed_at", Timestamps.toDb(claimedAt))
                .update();
    }

    /** Deletes every key claimed before {@code cutoff}, answered or not; answers how many. */
    int deleteClaimedBefore(Instant cutoff) {
        return jdbc.sql("delete from idempotency_keys where claimed_at < :cutoff")
                .param("cutoff", Timestamps.toDb(cutoff))
                .update();
    }
}
