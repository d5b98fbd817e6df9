package dev.montage.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.IdGenerator;

import dev.montage.accounts.ApiKeyCache.KeyInUse;
import dev.montage.api.AccountId;
import dev.montage.api.Timestamps;

/** Accounts and their API keys. A key is shown once, when created; only its digest is kept. */
@Service
public class AccountService {

    /** How stale a key's last use may be before it is written again. */
    static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final IdGenerator ids;
    private final ApiKeyCache keys = new ApiKeyCache();

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
                insert into api_keys (id, account_id, key_hash, key_prefix, created_at)
                values (:id, :account_id, :key_hash, :key_prefix, :created_at)
                """)
                .param("id", ids.generateId())
                .param("account_id", accountId)
                .param("key_hash", ApiKeys.hash(key))
                .param("key_prefix", ApiKeys.shownPrefix(key))
                .param("created_at", Timestamps.toDb(now))
                .update();
        return new NewAccount(new AccountId(accountId), key);
    }

    /**
     * The account of a key that exists and is not revoked. A key found valid is kept for {@link ApiKeyCache#LIFETIME}
     * on this node; {@link #revoke} waits that long, so a revoked key is refused by every node from the revoker's
     * next request on. The last use is written when the key is read, at most once a minute per key, so a busy
     * client does not turn every read into a write.
     */
    public Optional<AccountId> authenticate(String key) {
        return keys.find(ApiKeys.hash(key), hash -> readKey(hash, key)).map(inUse -> new AccountId(inUse.accountId()));
    }

    private Optional<KeyInUse> readKey(String hash, String clear) {
        Optional<KeyInUse> found = jdbc.sql("""
                select id, account_id, last_used_at from api_keys
                where key_hash = :key_hash and revoked_at is null
                """)
                .param("key_hash", hash)
                .query((rs, row) -> new KeyInUse(rs.getObject("id", UUID.class),
                        rs.getObject("account_id", UUID.class), Timestamps.fromDb(rs, "last_used_at")))
                .optional();
        found.ifPresent(inUse -> noteUse(inUse, clear));
        return found;
    }

    /**
     * The account {@code accountId} when {@code key} is one of its keys, not revoked: Twilio's HTTP Basic with the
     * account SID as user name and a key as its "auth token" (docs/twilio.md).
     */
    public Optional<AccountId> authenticateAccountKey(UUID accountId, String key) {
        return authenticate(key).filter(account -> account.value().equals(accountId));
    }

    /**
     * The account of the key {@code keyId} when {@code secret} is that key, not revoked: Twilio's HTTP Basic with
     * an API key SID as user name and the key's secret as password. A secret that is another key of the same
     * account is refused too: the SID names one key.
     */
    public Optional<AccountId> authenticateKeyById(UUID keyId, String secret) {
        return keys.find(ApiKeys.hash(secret), hash -> readKey(hash, secret))
                .filter(inUse -> inUse.id().equals(keyId))
                .map(inUse -> new AccountId(inUse.accountId()));
    }

    private void noteUse(KeyInUse key, String clear) {
        Instant now = Timestamps.now(clock);
        Instant stale = now.minus(LAST_USE_PRECISION);
        if (key.lastUsedAt() != null && key.lastUsedAt().isAfter(stale)) {
            return;
        }
        // the condition again in SQL: two nodes that both saw a stale time write once between them
        jdbc.sql("""
                update api_keys set last_used_at = :now, key_prefix = coalesce(key_prefix, :key_prefix)
                where id = :id and (last_used_at is null or last_used_at <= :stale)
                """)
                .param("now", Timestamps.toDb(now))
                .param("key_prefix", ApiKeys.shownPrefix(clear))
                .param("id", key.id())
                .param("stale", Timestamps.toDb(stale))
                .update();
    }

    /** Every key, revoked ones included, oldest first; never the key itself, which is not kept. */
    public List<ApiKeyListing> listKeys() {
        return jdbc.sql("""
                select id, account_id, key_prefix, created_at, last_used_at, revoked_at from api_keys
                order by created_at, id
                """)
                .query((rs, row) -> new ApiKeyListing(rs.getObject("id", UUID.class),
                        new AccountId(rs.getObject("account_id", UUID.class)), rs.getString("key_prefix"),
                        Timestamps.fromDb(rs, "created_at"), Timestamps.fromDb(rs, "last_used_at"),
                        Timestamps.fromDb(rs, "revoked_at")))
                .list();
    }

    /**
     * Revokes a key for good; what became of it is the answer. Returns once every node refuses the key: the
     * revocation commits on its own, then this waits out {@link ApiKeyCache#LIFETIME} (already revoked too, in case
     * the first revocation was interrupted while waiting). Never call it inside a transaction: the wait must follow
     * the commit.
     */
    public Revocation revoke(UUID keyId) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a revocation must commit before it waits for the nodes' caches");
        }
        int revoked = jdbc.sql("update api_keys set revoked_at = :now where id = :id and revoked_at is null")
                .param("now", Timestamps.toDb(Timestamps.now(clock)))
                .param("id", keyId)
                .update();
        boolean exists = revoked == 1
                || jdbc.sql("select count(*) from api_keys where id = :id").param("id", keyId)
                        .query(Long.class).single() > 0;
        if (!exists) {
            return Revocation.NO_SUCH_KEY;
        }
        waitForCachesToLapse();
        return revoked == 1 ? Revocation.REVOKED : Revocation.ALREADY_REVOKED;
    }

    /** A little more than the lifetime: the nodes' clocks may run a little faster than this one. */
    private static void waitForCachesToLapse() {
        try {
            Thread.sleep(ApiKeyCache.LIFETIME.toMillis() * 11 / 10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before every node's cache of the key lapsed", e);
        }
    }

    public boolean anyKeyExists() {
        return jdbc.sql("select count(*) from api_keys").query(Long.class).single() > 0;
    }

    public enum Revocation {
        REVOKED, ALREADY_REVOKED, NO_SUCH_KEY
    }

    /** A key as list-api-keys shows it: its prefix is null for a key made before prefixes were kept and unused since. */
    public record ApiKeyListing(UUID id, AccountId accountId, String prefix, Instant createdAt, Instant lastUsedAt,
            Instant revokedAt) {
    }

    /** An account just created, with the only copy of its key in clear. */
    public record NewAccount(AccountId accountId, String apiKey) {
    }
}
