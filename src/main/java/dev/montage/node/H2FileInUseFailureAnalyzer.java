package dev.montage.node;

import java.sql.SQLException;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * The embedded H2 database is single-node: its file is locked by the process that opened it, and a second node
 * on the same data folder fails on that lock. H2 says only "Database may be already in use"; this says which
 * setting leads there and what to do instead.
 */
class H2FileInUseFailureAnalyzer implements FailureAnalyzer {

    /** H2's {@code ErrorCode.DATABASE_ALREADY_OPEN_1}, which is also the SQL state it reports. */
    private static final String DATABASE_ALREADY_OPEN = "90020";

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && DATABASE_ALREADY_OPEN.equals(sql.getSQLState())
                    && sql.getClass().getName().startsWith("org.h2.")) {
                return new FailureAnalysis("""
                        Another process has the embedded H2 database open: it is locked by the Montage node already \
                        running on this data folder (montage.data-dir). The embedded database serves one node only. \
                        H2 said: %s""".formatted(sql.getMessage()),
                        "Stop the other node first, or give this one its own montage.data-dir. To run several nodes, "
                                + "use PostgreSQL: set MONTAGE_DB_URL on every node (docs/deployment.md).", failure);
            }
        }
        return null;
    }
}
