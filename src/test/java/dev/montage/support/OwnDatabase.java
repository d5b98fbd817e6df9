package dev.montage.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A database of its own for one test context: an in-memory H2 of that name, or, with {@code MONTAGE_DB_URL} set,
 * a schema of that name in the PostgreSQL database. Every other test context of the JVM runs a composition queue
 * on the shared database with its own settings; a test about which job runs when, or how many run at once, must
 * not have its jobs taken by them.
 */
public final class OwnDatabase {

    private OwnDatabase() {
    }

    /** Points {@code spring.datasource.url} at a database named {@code name} (lower-case letters, digits, _). */
    public static void register(DynamicPropertyRegistry registry, String name) {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        String shared = System.getenv("MONTAGE_DB_URL");
        if (shared == null || shared.isBlank()) {
            registry.add("spring.datasource.url", () -> "jdbc:h2:mem:montage_" + name + ";DB_CLOSE_DELAY=-1;"
                    + "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
            return;
        }
        Matcher current = Pattern.compile("currentSchema=([^&]*)").matcher(shared);
        String schema = (current.find() ? current.group(1) : "public") + "_" + name;
        try (Connection connection = DriverManager.getConnection(shared,
                System.getenv().getOrDefault("MONTAGE_DB_USER", "postgres"), System.getenv("MONTAGE_DB_PASSWORD"))) {
            connection.createStatement().execute("drop schema if exists " + schema + " cascade");
            connection.createStatement().execute("create schema " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create schema " + schema, e);
        }
        String url = current.reset().find() ? current.replaceFirst("currentSchema=" + schema)
                : shared + (shared.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        registry.add("spring.datasource.url", () -> url);
    }
}
