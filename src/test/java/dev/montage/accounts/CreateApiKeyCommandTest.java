package dev.montage.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.montage.support.ChildDatabase;
import dev.montage.support.MontageProcess;

/**
 * {@code create-api-key} is a command-line run on the service's database: it creates a key and exits, and must
 * not act as a node. Due jobs of both queues wait in the database while it runs; afterwards they are still
 * there, untouched, for the nodes.
 */
class CreateApiKeyCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void theCommandCreatesAKeyAndRunsNoJob() throws Exception {
        try (ChildDatabase database = ChildDatabase.isolated(dataDir)) {
            // the first run creates the schema, as it would on a fresh installation
            assertThat(MontageProcess.run(dataDir, database, CreateApiKeyCommand.NAME).exitCode()).isZero();
            String composition = UUID.randomUUID().toString();
            String event = UUID.randomUUID().toString();
            try (Connection db = database.connect()) {
                insertDue(db, "scheduled_tasks", "compose-room-composition", composition);
                insertDue(db, "webhook_tasks", "deliver-webhook", event);
            }

            MontageProcess.Finished run = MontageProcess.run(dataDir, database, CreateApiKeyCommand.NAME);

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).containsPattern("api_key=\\S+");
            try (Connection db = database.connect()) {
                assertThat(untouched(db, "scheduled_tasks", composition)).as("the due composition job").isTrue();
                assertThat(untouched(db, "webhook_tasks", event)).as("the due webhook delivery").isTrue();
            }
            assertThat(run.output()).as("db-scheduler's start").doesNotContain("Starting scheduler");
        }
    }

    private static void insertDue(Connection db, String table, String task, String instance) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("insert into " + table
                + " (task_name, task_instance, execution_time, picked, version) values (?, ?, ?, false, 1)")) {
            insert.setString(1, task);
            insert.setString(2, instance);
            insert.setTimestamp(3, Timestamp.from(Instant.now().minusSeconds(60)));
            insert.executeUpdate();
        }
    }

    /** Still there, never picked, never run: as it was inserted. */
    private static boolean untouched(Connection db, String table, String instance) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("select picked, version, last_success, last_failure from "
                + table + " where task_instance = ?")) {
            query.setString(1, instance);
            try (ResultSet row = query.executeQuery()) {
                return row.next() && !row.getBoolean(1) && row.getLong(2) == 1 && row.getObject(3) == null
                        && row.getObject(4) == null;
            }
        }
    }
}
