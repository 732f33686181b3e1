package io.quarkiverse.cloudinary.storage.orphans;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;

/**
 * Where the reconciliation pass of each owner stands, kept in the application's own database so that it survives
 * restarts and is shared by every instance: one row per account and owner in the table {@value #TABLE}, created when
 * missing:
 *
 * <pre>
 * CREATE TABLE cloudinary_reconciliation (owner_key VARCHAR(400) NOT NULL PRIMARY KEY,
 *     pass_started_at BIGINT NOT NULL, resource_type VARCHAR(20), next_cursor VARCHAR(2000),
 *     pass_completed_at BIGINT, pages BIGINT NOT NULL, files BIGINT NOT NULL, deleted BIGINT NOT NULL,
 *     last_run_at BIGINT, last_run_calls BIGINT NOT NULL, last_run_outcome VARCHAR(2000), version BIGINT NOT NULL)
 * </pre>
 *
 * A row is only ever replaced by a run that read its current version: two runs that went on from the same row (one
 * scheduled on one instance, one started from the Dev UI of another) cannot move the cursor back; the slower one's
 * write is dropped and its pages are listed again by the next run, which deletes nothing twice.
 * <p>
 * Without a datasource the state lives in memory only, and every restart starts a new pass.
 */
public final class ReconciliationStore {

    public static final String TABLE = "cloudinary_reconciliation";
    private static final Logger LOG = Logger.getLogger(ReconciliationStore.class);
    private static final int OUTCOME_LENGTH = 2000;

    /**
     * One owner's pass.
     *
     * @param resourceType the resource type the pass lists next; null once the pass has listed every type
     * @param nextCursor the Cloudinary cursor of the next page of that type; null for its first page
     * @param completedAt when the pass listed its last page; null while it goes on
     * @param lastRunOutcome the last run's summary, for the Dev UI
     * @param version the row's version, for the conditional update; 0 for a pass never stored
     */
    record PassState(Instant startedAt, CloudinaryResourceType resourceType, String nextCursor, Instant completedAt,
            long pages, long files, long deleted, Instant lastRunAt, long lastRunCalls, String lastRunOutcome,
            long version) {

        static PassState startingAt(Instant startedAt, CloudinaryResourceType firstType, long version) {
            return new PassState(startedAt, firstType, null, null, 0, 0, 0, null, 0, null, version);
        }

        boolean complete() {
            return completedAt != null;
        }

        PassState ranAt(Instant at, long calls, String outcome) {
            return new PassState(startedAt, resourceType, nextCursor, completedAt, pages, files, deleted, at, calls,
                    outcome, version);
        }
    }

    private final Optional<DataSource> dataSource;
    private final Map<String, PassState> memory = new ConcurrentHashMap<>();

    private ReconciliationStore(Optional<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    /** A store in the given database. */
    public static ReconciliationStore inDatabase(DataSource dataSource) {
        return new ReconciliationStore(Optional.of(dataSource));
    }

    /**
     * A store in the datasource the cleanup lock uses ({@code quarkus.cloudinary.orphans.cleanup.lock-datasource}, the
     * default one when not set), or in memory, with a warning, when the application has no such datasource.
     */
    public static ReconciliationStore of(Instance<AgroalDataSource> dataSources, Optional<String> name) {
        Optional<AgroalDataSource> selected = CleanupDatabase.select(dataSources, name);
        if (selected.isEmpty()) {
            LOG.warnf("The orphan reconciliation keeps its cursor in memory only, so every restart starts a new pass:"
                    + " this application has no %s; set quarkus.cloudinary.orphans.cleanup.lock-datasource",
                    name.map(n -> "datasource '" + n + "'").orElse("default datasource"));
            return new ReconciliationStore(Optional.empty());
        }
        return new ReconciliationStore(Optional.of(selected.get()));
    }

    /** Whether the state survives a restart. */
    public boolean durable() {
        return dataSource.isPresent();
    }

    /** The owner's pass, empty before its first run. */
    Optional<PassState> read(String ownerKey) throws SQLException {
        if (dataSource.isEmpty()) {
            return Optional.ofNullable(memory.get(ownerKey));
        }
        try {
            return select(ownerKey);
        } catch (SQLException missingTable) {
            createTable();
            return select(ownerKey);
        }
    }

    /**
     * Replaces the owner's pass, if nobody replaced it since {@code read} gave version {@code next.version()}.
     *
     * @return whether it was replaced
     */
    boolean write(String ownerKey, PassState next) throws SQLException {
        if (dataSource.isEmpty()) {
            PassState stored = withVersion(next, next.version() + 1);
            if (next.version() == 0) {
                return memory.putIfAbsent(ownerKey, stored) == null;
            }
            return memory.computeIfPresent(ownerKey, (key, now) -> now.version() == next.version() ? stored : now) == stored;
        }
        if (next.version() == 0) {
            try {
                return update("INSERT INTO " + TABLE + " (pass_started_at, resource_type, next_cursor, pass_completed_at,"
                        + " pages, files, deleted, last_run_at, last_run_calls, last_run_outcome, version, owner_key)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)", next, ownerKey) == 1;
            } catch (SQLException inserted) {
                if (select(ownerKey).isPresent()) {
                    // another instance stored its first run meanwhile
                    return false;
                }
                throw inserted;
            }
        }
        return update("UPDATE " + TABLE + " SET pass_started_at = ?, resource_type = ?, next_cursor = ?,"
                + " pass_completed_at = ?, pages = ?, files = ?, deleted = ?, last_run_at = ?, last_run_calls = ?,"
                + " last_run_outcome = ?, version = version + 1 WHERE owner_key = ? AND version = ?", next, ownerKey,
                next.version()) == 1;
    }

    private Optional<PassState> select(String ownerKey) throws SQLException {
        try (Connection connection = connection();
                PreparedStatement select = connection.prepareStatement("SELECT pass_started_at, resource_type,"
                        + " next_cursor, pass_completed_at, pages, files, deleted, last_run_at, last_run_calls,"
                        + " last_run_outcome, version FROM " + TABLE + " WHERE owner_key = ?")) {
            select.setString(1, ownerKey);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String type = row.getString(2);
                return Optional.of(new PassState(Instant.ofEpochMilli(row.getLong(1)),
                        type == null ? null : CloudinaryResourceType.valueOf(type), row.getString(3),
                        instant(row, 4), row.getLong(5), row.getLong(6), row.getLong(7), instant(row, 8), row.getLong(9),
                        row.getString(10), row.getLong(11)));
            }
        }
    }

    private void createTable() {
        try (Connection connection = connection();
                PreparedStatement create = connection.prepareStatement("CREATE TABLE " + TABLE
                        + " (owner_key VARCHAR(400) NOT NULL PRIMARY KEY, pass_started_at BIGINT NOT NULL,"
                        + " resource_type VARCHAR(20), next_cursor VARCHAR(2000), pass_completed_at BIGINT,"
                        + " pages BIGINT NOT NULL, files BIGINT NOT NULL, deleted BIGINT NOT NULL, last_run_at BIGINT,"
                        + " last_run_calls BIGINT NOT NULL, last_run_outcome VARCHAR(" + OUTCOME_LENGTH + "),"
                        + " version BIGINT NOT NULL)")) {
            create.executeUpdate();
            LOG.infof("Created the table %s for the cursor of the orphan reconciliation", TABLE);
        } catch (SQLException createdMeanwhile) {
            // another instance created it at the same moment, or the select failed for another reason: the select
            // after this tells which
            LOG.debugf("Creating %s failed: %s", TABLE, createdMeanwhile.getMessage());
        }
    }

    private int update(String sql, PassState state, Object... keys) throws SQLException {
        try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, state.startedAt().toEpochMilli());
            statement.setString(2, state.resourceType() == null ? null : state.resourceType().name());
            statement.setString(3, state.nextCursor());
            setInstant(statement, 4, state.completedAt());
            statement.setLong(5, state.pages());
            statement.setLong(6, state.files());
            statement.setLong(7, state.deleted());
            setInstant(statement, 8, state.lastRunAt());
            statement.setLong(9, state.lastRunCalls());
            String outcome = state.lastRunOutcome();
            statement.setString(10, outcome == null || outcome.length() <= OUTCOME_LENGTH ? outcome
                    : outcome.substring(0, OUTCOME_LENGTH - 1) + "…");
            for (int i = 0; i < keys.length; i++) {
                statement.setObject(11 + i, keys[i]);
            }
            return statement.executeUpdate();
        }
    }

    private static PassState withVersion(PassState state, long version) {
        return new PassState(state.startedAt(), state.resourceType(), state.nextCursor(), state.completedAt(),
                state.pages(), state.files(), state.deleted(), state.lastRunAt(), state.lastRunCalls(),
                state.lastRunOutcome(), version);
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value.toEpochMilli());
        }
    }

    private Connection connection() throws SQLException {
        Connection connection = dataSource.orElseThrow().getConnection();
        if (!connection.getAutoCommit()) {
            connection.setAutoCommit(true);
        }
        return connection;
    }

    /** Picks the datasource of the cleanup's lock and cursor, as the job and the cleanup both need it. */
    static final class CleanupDatabase {

        private CleanupDatabase() {
        }

        static Optional<AgroalDataSource> select(Instance<AgroalDataSource> dataSources, Optional<String> name) {
            Instance<AgroalDataSource> selected = name.isPresent()
                    ? dataSources.select(new io.quarkus.agroal.DataSource.DataSourceLiteral(name.get()))
                    : dataSources.select(Default.Literal.INSTANCE);
            return selected.isResolvable() ? Optional.of(selected.get()) : Optional.empty();
        }
    }
}
