package io.quarkiverse.cloudinary.storage.orphans;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

/**
 * A lock, in the application's own database, that lets exactly one instance of a cluster run a scheduled cleanup per
 * tick. One row per job in the table {@value #TABLE}, created when missing:
 *
 * <pre>
 * CREATE TABLE cloudinary_cleanup_lock (name VARCHAR(100) NOT NULL PRIMARY KEY, holder VARCHAR(200),
 *     expires_at BIGINT NOT NULL, tick BIGINT NOT NULL)
 * </pre>
 *
 * An instance takes the lock with one conditional {@code UPDATE}: only when nobody holds it (its expiry has passed) and
 * nobody ran this tick yet (the tick, the scheduled fire time every instance computes alike from the cron, is later
 * than the last one run). Every database serialises two such updates of one row, so one of them wins. The holder
 * renews the expiry every third of the time to live while it runs, and clears it when done; an instance that dies
 * mid-run stops renewing, and the lock is free again once the time to live has passed. Remembering the tick is why this
 * is no PostgreSQL advisory lock: a run that ends before a slower instance's timer fires would let that instance run
 * the same tick again.
 * <p>
 * Expiry times are the instances' clocks (epoch milliseconds): keep their skew well below the time to live, as NTP
 * does.
 */
public final class CleanupLock {

    public static final String TABLE = "cloudinary_cleanup_lock";
    private static final Logger LOG = Logger.getLogger(CleanupLock.class);

    private final DataSource dataSource;
    private final String name;
    private final String holder;
    private final Duration ttl;

    /**
     * @param name the job the lock is for
     * @param holder this instance, as other instances' logs name it
     * @param ttl how long the lock stays taken without a renewal
     */
    public CleanupLock(DataSource dataSource, String name, String holder, Duration ttl) {
        this.dataSource = dataSource;
        this.name = name;
        this.holder = holder;
        this.ttl = ttl;
    }

    /** A held lock: renewed in the background until closed, then released. */
    public final class Held implements AutoCloseable {

        private final ScheduledExecutorService renewer;

        private Held() {
            renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "cloudinary-cleanup-lock");
                thread.setDaemon(true);
                return thread;
            });
            long every = Math.max(1, ttl.toMillis() / 3);
            renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
        }

        private void renew() {
            try {
                if (update("UPDATE " + TABLE + " SET expires_at = ? WHERE name = ? AND holder = ?",
                        System.currentTimeMillis() + ttl.toMillis(), name, holder) == 0) {
                    LOG.errorf("The cleanup lock %s was taken over while %s held it: it was not renewed within %s (a"
                            + " long pause?); raise quarkus.cloudinary.orphans.cleanup.lock-ttl", name, holder, ttl);
                }
            } catch (SQLException e) {
                LOG.warnf("The cleanup lock %s could not be renewed, trying again: %s", name, e.getMessage());
            }
        }

        @Override
        public void close() {
            renewer.shutdownNow();
            try {
                update("UPDATE " + TABLE + " SET expires_at = 0 WHERE name = ? AND holder = ?", name, holder);
            } catch (SQLException e) {
                LOG.warnf("The cleanup lock %s could not be released; it expires within %s: %s", name, ttl,
                        e.getMessage());
            }
        }
    }

    /**
     * Takes the lock for one tick, if nobody holds it and nobody ran that tick.
     *
     * @param tick the scheduled fire time, the same on every instance
     * @throws SQLException when the database cannot be asked; then nobody should assume the lock
     */
    public Optional<Held> tryAcquire(Instant tick) throws SQLException {
        ensureRow();
        long now = System.currentTimeMillis();
        // fire times carry no meaningful fraction of a second, and instances may compute one
        long tickMillis = tick.truncatedTo(ChronoUnit.SECONDS).toEpochMilli();
        int taken = update("UPDATE " + TABLE + " SET holder = ?, expires_at = ?, tick = ? WHERE name = ?"
                + " AND expires_at < ? AND tick < ?", holder, now + ttl.toMillis(), tickMillis, name, now, tickMillis);
        return taken == 1 ? Optional.of(new Held()) : Optional.empty();
    }

    /** Who holds the lock, or ran the last tick, for a log line. */
    public String describe() {
        try (Connection connection = connection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT holder, expires_at, tick FROM " + TABLE + " WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return "nobody";
                }
                long expiresAt = row.getLong(2);
                return (expiresAt > System.currentTimeMillis() ? "held by " : "last taken by ") + row.getString(1)
                        + " for the tick of " + Instant.ofEpochMilli(row.getLong(3));
            }
        } catch (SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private void ensureRow() throws SQLException {
        try (Connection connection = connection();
                PreparedStatement select = connection.prepareStatement("SELECT name FROM " + TABLE + " WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    return;
                }
            }
        } catch (SQLException missingTable) {
            try {
                update("CREATE TABLE " + TABLE + " (name VARCHAR(100) NOT NULL PRIMARY KEY, holder VARCHAR(200),"
                        + " expires_at BIGINT NOT NULL, tick BIGINT NOT NULL)");
                LOG.infof("Created the table %s for the lock of scheduled cleanups", TABLE);
            } catch (SQLException createdMeanwhile) {
                // another instance created it at the same moment, or the table exists and the select failed for
                // another reason: the insert below tells which
                LOG.debugf("Creating %s failed: %s", TABLE, createdMeanwhile.getMessage());
            }
        }
        try {
            update("INSERT INTO " + TABLE + " (name, holder, expires_at, tick) VALUES (?, NULL, 0, -1)", name);
        } catch (SQLException inserted) {
            // another instance inserted the row meanwhile: the select proves it, or the failure is real
            try (Connection connection = connection();
                    PreparedStatement select = connection
                            .prepareStatement("SELECT name FROM " + TABLE + " WHERE name = ?")) {
                select.setString(1, name);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw inserted;
                    }
                }
            }
        }
    }

    private int update(String sql, Object... parameters) throws SQLException {
        try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    private Connection connection() throws SQLException {
        Connection connection = dataSource.getConnection();
        if (!connection.getAutoCommit()) {
            connection.setAutoCommit(true);
        }
        return connection;
    }
}
