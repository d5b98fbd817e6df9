package dev.montage.accounts;

import java.time.Instant;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import dev.montage.api.Timestamps;

/**
 * {@code java -jar montage.jar list-api-keys}: every key of the configured database, one a line, with its id (what
 * {@code revoke-api-key} takes), account, first characters, and when it was created, last used (to the minute) and
 * revoked. Never a key itself: only its digest is kept.
 */
@Component
@Profile(ListApiKeysCommand.PROFILE)
public class ListApiKeysCommand implements ApplicationRunner {

    public static final String NAME = "list-api-keys";
    public static final String PROFILE = "list-api-keys";

    private static final String ROW = "%-36s  %-36s  %-14s  %-27s  %-27s  %s%n";

    private final AccountService accounts;

    ListApiKeysCommand(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public void run(ApplicationArguments args) {
        System.out.printf(ROW, "id", "account_id", "prefix", "created_at", "last_used_at", "revoked_at");
        for (AccountService.ApiKeyListing key : accounts.listKeys()) {
            System.out.printf(ROW, key.id(), key.accountId(),
                    key.prefix() == null ? "(not yet seen)" : key.prefix() + "...", time(key.createdAt()),
                    key.lastUsedAt() == null ? "never" : time(key.lastUsedAt()),
                    key.revokedAt() == null ? "-" : time(key.revokedAt()));
        }
    }

    private static String time(Instant instant) {
        return Timestamps.format(instant);
    }
}
