package dev.montage.webhooks;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.function.Supplier;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Secrets every node of the installation shares ({@code installation_secrets}), created by the first to need one. */
@Repository
class InstallationSecretRepository {

    private final JdbcClient jdbc;
    private final Clock clock;

    InstallationSecretRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The secret called {@code name}; when there is none yet, {@code fresh} is stored, unless another node stored
     * its own first, whose is answered. Must not run inside a transaction on PostgreSQL: a lost race aborts it.
     */
    String findOrCreate(String name, Supplier<String> fresh) {
        var existing = find(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            jdbc.sql("insert into installation_secrets (name, secret, created_at) values (:name, :secret, :created_at)")
                    .param("name", name)
                    .param("secret", fresh.get())
                    .param("created_at", clock.instant().atOffset(ZoneOffset.UTC))
                    .update();
        } catch (DuplicateKeyException raced) {
            // another node created it first: use theirs
        }
        return find(name).orElseThrow();
    }

    private java.util.Optional<String> find(String name) {
        return jdbc.sql("select secret from installation_secrets where name = :name")
                .param("name", name).query(String.class).optional();
    }
}
