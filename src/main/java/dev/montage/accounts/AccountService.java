package dev.montage.accounts;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.IdGenerator;

import dev.montage.api.AccountId;
import dev.montage.api.Timestamps;

/** Accounts and their API keys. A key is shown once, when created; only its digest is kept. */
@Service
public class AccountService {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final IdGenerator ids;

    AccountService(JdbcClient jdbc, Clock clock, IdGenerator ids) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ids = ids;
    }

    /** A new account and its first key. */
    @Transactional
    public NewAccount createAccount() {
        UUID accountId = ids.generateId();
        Instant now = Timestamps.now(clock);
        jdbc.sql("insert into accounts (id, created_at) values (:id, :created_at)")
                .param("id", accountId)
                .param("created_at", Timestamps.toDb(now))
                .update();
        String key = ApiKeys.generate();
        jdbc.sql("""
                insert into api_keys (id, account_id, key_hash, created_at)
                values (:id, :account_id, :key_hash, :created_at)
                """)
                .param("id", ids.generateId())
                .param("account_id", accountId)
                .param("key_hash", ApiKeys.hash(key))
                .param("created_at", Timestamps.toDb(now))
                .update();
        return new NewAccount(new AccountId(accountId), key);
    }

    public Optional<AccountId> authenticate(String key) {
        return jdbc.sql("select account_id from api_keys where key_hash = :key_hash")
                .param("key_hash", ApiKeys.hash(key))
                .query(UUID.class)
                .optional()
                .map(AccountId::new);
    }

    public boolean anyKeyExists() {
        return jdbc.sql("select count(*) from api_keys").query(Long.class).single() > 0;
    }

    /** An account just created, with the only copy of its key in clear. */
    public record NewAccount(AccountId accountId, String apiKey) {
    }
}
