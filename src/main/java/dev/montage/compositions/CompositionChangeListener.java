package dev.montage.compositions;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Hears other nodes' changes to compositions: on PostgreSQL, a trigger notifies every change on {@link #CHANNEL} with
 * the account's id when its transaction commits (migration V27), and this node's listener renews that account's
 * generation ({@link CompositionChanges}). It holds one connection of the pool for as long as it listens.
 *
 * <p>While it cannot listen (the database went away, the connection broke) nothing is answered from memory, and when
 * it listens again whatever was read before is forgotten: changes made meanwhile were not heard. On H2 there is
 * nothing to hear: its file is held by this process alone, and every change is this node's own.
 */
@Component
class CompositionChangeListener implements SmartLifecycle {

    static final String CHANNEL = "montage_composition_changes";
    /** Names the listening connection in {@code pg_stat_activity}. */
    static final String APPLICATION_NAME = "montage-composition-changes";

    private static final Logger log = LoggerFactory.getLogger(CompositionChangeListener.class);
    /** How long one wait for notifications lasts: also how soon a stop is seen. */
    private static final int WAIT_MILLIS = 500;
    /** A quiet connection is checked this often, so a silently broken one is not trusted for long. */
    private static final Duration CHECK_QUIET = Duration.ofSeconds(5);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final CompositionChanges changes;
    private volatile boolean running;
    private Thread thread;
    /** Whether the loss of listening was logged and its end not yet: one warning per loss (the listener's thread). */
    private boolean lossLogged;

    CompositionChangeListener(DataSource dataSource, CompositionChanges changes) {
        this.dataSource = dataSource;
        this.changes = changes;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::listen, "composition-changes");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        Thread listening;
        synchronized (this) {
            running = false;
            listening = thread;
        }
        if (listening != null) {
            try {
                listening.join(WAIT_MILLIS * 4L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        changes.othersHeard(false);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try {
                listenOnce();
                return; // stopped, or nothing to hear
            } catch (SQLException | RuntimeException e) {
                changes.othersHeard(false);
                if (!lossLogged) {
                    log.warn("Not hearing other nodes' changes to compositions; answering everything from the database "
                            + "until heard again: {}", e.getMessage());
                    lossLogged = true;
                }
            }
            sleep(RETRY);
        }
    }

    /** Listens until stopped; returns at once when the database is not PostgreSQL. */
    private void listenOnce() throws SQLException {
        Connection connection = dataSource.getConnection();
        boolean broken = true;
        boolean listening = false;
        try {
            if (!connection.isWrapperFor(PGConnection.class)) {
                broken = false;
                changes.othersHeard(true); // H2: no other node writes
                return;
            }
            listening = true;
            PGConnection notified = connection.unwrap(PGConnection.class);
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("set application_name = '" + APPLICATION_NAME + "'");
                statement.execute("listen " + CHANNEL);
            }
            changes.othersHeard(true);
            if (lossLogged) {
                log.info("Hearing other nodes' changes to compositions again");
                lossLogged = false;
            }
            long quietSince = System.nanoTime();
            while (running) {
                PGNotification[] heard = notified.getNotifications(WAIT_MILLIS);
                if (heard != null && heard.length > 0) {
                    for (PGNotification notification : heard) {
                        changedElsewhere(notification.getParameter());
                    }
                    quietSince = System.nanoTime();
                } else if (System.nanoTime() - quietSince > CHECK_QUIET.toNanos()) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("select 1");
                    }
                    quietSince = System.nanoTime();
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("unlisten *");
                statement.execute("reset application_name");
            }
            broken = false;
        } finally {
            if (listening) {
                changes.othersHeard(false);
            }
            if (broken) {
                evict(connection);
            }
            connection.close();
        }
    }

    private void changedElsewhere(String accountId) {
        try {
            changes.changedElsewhere(UUID.fromString(accountId));
        } catch (IllegalArgumentException e) {
            changes.forgetAll(); // not an account's id: someone else's notification; forget rather than guess
        }
    }

    /** A broken connection must not go back to the pool for a request to find. */
    private void evict(Connection connection) {
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                dataSource.unwrap(HikariDataSource.class).evictConnection(connection);
            }
        } catch (SQLException e) {
            log.debug("Could not evict the listener's connection", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
