package dev.montage.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database of a {@link MontageProcess}, and a way for the test to read it.
 *
 * <p>On H2 (the default) that is the embedded file database in the process's own data folder, as an operator's
 * first start makes it; the test opens it only while no process runs (an H2 file is open to one process at a
 * time). With {@code MONTAGE_DB_URL} set (PostgreSQL), it is a new schema of that database: the Spring contexts
 * of other test classes in this JVM poll the shared schema's queues, and must not take the process's jobs.
 */
public final class ChildDatabase implements AutoCloseable {

    private final String url;
    private final String user;
    private final String schema;
    /** Whether processes are told the URL even on H2, which they would otherwise take from their defaults. */
    private final boolean urlInEnvironment;

    private ChildDatabase(String url, String user, String schema) {
        this(url, user, schema, false);
    }

    private ChildDatabase(String url, String user, String schema, boolean urlInEnvironment) {
        this.url = url;
        this.user = user;
        this.schema = schema;
        this.urlInEnvironment = urlInEnvironment;
    }

    /**
     * Like {@link #isolated}, but open to several processes at once, and to the test, on H2 too: a node and the
     * commands run beside it ({@code revoke-api-key}), as they would on PostgreSQL. H2's automatic mixed mode lets
     * the first process that opens the file serve it to the others (H2 refuses it with DB_CLOSE_ON_EXIT=FALSE,
     * so a node stopping here may lose a write on its way out: these tests stop nodes only at their end).
     */
    public static ChildDatabase sharedByProcesses(Path dataDir) {
        ChildDatabase isolated = isolated(dataDir);
        if (isolated.schema != null) {
            return isolated;
        }
        return new ChildDatabase(isolated.url + ";AUTO_SERVER=TRUE", isolated.user, null, true);
    }

    /** A database nobody else uses, for processes working in {@code dataDir}. */
    public static ChildDatabase isolated(Path dataDir) {
        String shared = System.getenv("MONTAGE_DB_URL");
        if (shared == null || shared.isBlank()) {
            return embedded(dataDir);
        }
        String user = System.getenv().getOrDefault("MONTAGE_DB_USER", "postgres");
        // named after the schema the tests were given, when they were: runs that share one server stay apart
        Matcher given = Pattern.compile("currentSchema=([a-z0-9_]+)").matcher(shared);
        String schema = (given.find() ? given.group(1) : "proc") + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(shared, user, System.getenv("MONTAGE_DB_PASSWORD"))) {
            connection.createStatement().execute("create schema " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create schema " + schema + " in " + shared, e);
        }
        return new ChildDatabase(withSchema(shared, schema), user, schema);
    }

    /** The embedded H2 file in {@code dataDir}, whatever database the tests run on: for what only H2 shows. */
    public static ChildDatabase embedded(Path dataDir) {
        return new ChildDatabase("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("db/montage")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", null);
    }

    /** What the process's environment says about its database: nothing on H2, so it takes the default. */
    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        if (schema != null || urlInEnvironment) {
            env.put("MONTAGE_DB_URL", url);
            env.put("MONTAGE_DB_USER", user);
        }
        return env;
    }

    /** A connection for the test; on H2 only while no process has the file open. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, schema == null ? "" : System.getenv("MONTAGE_DB_PASSWORD"));
    }

    /** Drops the PostgreSQL schema; an H2 file goes with its temporary data folder. */
    @Override
    public void close() throws SQLException {
        if (schema != null) {
            try (Connection connection = connect()) {
                connection.createStatement().execute("drop schema " + schema + " cascade");
            }
        }
    }

    private static String withSchema(String url, String schema) {
        String replaced = url.replaceAll("currentSchema=[^&]*", "currentSchema=" + schema);
        if (!replaced.equals(url)) {
            return replaced;
        }
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
