package io.quarkiverse.cloudinary.storage.leases;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The leases of this owner's builds, kept in the application's database, table {@value #TABLE} (created when
 * missing), for the candidate cleanup: it needs to know every running build's attributes as the orphan cleanup does,
 * but may spend no Admin API call listing the leases on Cloudinary. Every instance touches its build's rows each time
 * its candidate job ticks; the same {@link LiveBuilds} rules as for the Cloudinary leases then decide which builds
 * count.
 *
 * <pre>
 * CREATE TABLE cloudinary_build_lease (owner VARCHAR(255) NOT NULL, build_id VARCHAR(64) NOT NULL,
 *     line_no INTEGER NOT NULL, lease_line VARCHAR(1000) NOT NULL, seen_at BIGINT NOT NULL)
 * </pre>
 *
 * One row per line of the build's {@link LeaseRecord}, so that no database needs a large text type.
 */
public final class DatabaseLeases {

    public static final String TABLE = "cloudinary_build_lease";

    private final EntityManager unit;
    private final String owner;
    private final LeaseRecord record;
    private final Duration ttl;

    /**
     * @param unit the persistence unit whose database holds the table
     * @param record this build's lease
     * @param ttl how long a build counts as running after its last touch
     */
    public DatabaseLeases(EntityManager unit, String owner, LeaseRecord record, Duration ttl) {
        this.unit = unit;
        this.owner = owner;
        this.record = record;
        this.ttl = ttl;
    }

    /** This build's id, as its rows name it. */
    public String buildId() {
        return record.buildId();
    }

    public void ensureTable() {
        if (exists()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                unit.createNativeQuery("CREATE TABLE " + TABLE + " (owner VARCHAR(255) NOT NULL, build_id VARCHAR(64)"
                        + " NOT NULL, line_no INTEGER NOT NULL, lease_line VARCHAR(1000) NOT NULL, seen_at BIGINT NOT NULL)")
                        .executeUpdate();
                unit.createNativeQuery("CREATE INDEX " + TABLE + "_owner ON " + TABLE + " (owner, build_id)")
                        .executeUpdate();
            });
        } catch (PersistenceException e) {
            // another instance may have created it at the same moment
            if (!exists()) {
                throw e;
            }
        }
    }

    private boolean exists() {
        return tableExists(unit, TABLE);
    }

    /**
     * Whether a table exists in a persistence unit's database, asked of the JDBC metadata rather than by a query that
     * fails: Hibernate logs a failing query as a warning, at every first start.
     */
    public static boolean tableExists(EntityManager unit, String table) {
        return QuarkusTransaction.requiringNew().call(() -> unit.unwrap(org.hibernate.Session.class)
                .doReturningWork(connection -> {
                    java.sql.DatabaseMetaData metadata = connection.getMetaData();
                    // unquoted names are stored upper case by some databases (H2), lower case by others (PostgreSQL)
                    for (String name : new String[] { table, table.toUpperCase(java.util.Locale.ROOT) }) {
                        try (java.sql.ResultSet found = metadata.getTables(connection.getCatalog(), null, name,
                                new String[] { "TABLE" })) {
                            if (found.next()) {
                                return true;
                            }
                        }
                    }
                    return false;
                }));
    }

    /** Says that this build runs now; the first touch of a build writes its lines. */
    public void touch() {
        long now = System.currentTimeMillis();
        QuarkusTransaction.requiringNew().run(() -> {
            int touched = unit.createNativeQuery("UPDATE " + TABLE + " SET seen_at = ?1 WHERE owner = ?2 AND"
                    + " build_id = ?3").setParameter(1, now).setParameter(2, owner).setParameter(3, buildId())
                    .executeUpdate();
            if (touched > 0) {
                return;
            }
            String[] lines = new String(record.toBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].startsWith("#")) {
                    continue;
                }
                unit.createNativeQuery("INSERT INTO " + TABLE + " (owner, build_id, line_no, lease_line, seen_at) VALUES"
                        + " (?1, ?2, ?3, ?4, ?5)").setParameter(1, owner).setParameter(2, buildId())
                        .setParameter(3, i).setParameter(4, lines[i]).setParameter(5, now).executeUpdate();
            }
        });
    }

    /**
     * Every build of this owner that touched its rows, with the rows' lease record (empty when they do not parse:
     * then its attributes are unknown, and a cleanup must assume the worst).
     */
    public LiveBuilds read() {
        Instant readAt = Instant.now();
        List<?> rows = QuarkusTransaction.requiringNew().call(() -> unit.createNativeQuery("SELECT build_id, line_no,"
                + " lease_line, seen_at FROM " + TABLE + " WHERE owner = ?1 ORDER BY build_id, line_no")
                .setParameter(1, owner).getResultList());
        Map<String, StringBuilder> lines = new LinkedHashMap<>();
        Map<String, Long> seen = new LinkedHashMap<>();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            String build = columns[0].toString();
            lines.computeIfAbsent(build, b -> new StringBuilder()).append(columns[2]).append('\n');
            seen.merge(build, ((Number) columns[3]).longValue(), Math::max);
        }
        List<LiveBuilds.Lease> leases = new ArrayList<>();
        for (Map.Entry<String, StringBuilder> build : lines.entrySet()) {
            Optional<LeaseRecord> parsed;
            try {
                parsed = Optional.of(LeaseRecord.parse(build.getValue().toString().getBytes(StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                parsed = Optional.empty();
            }
            leases.add(new LiveBuilds.Lease(build.getKey(), build.getKey(),
                    parsed.map(LeaseRecord::manifestRecord).orElse(""), Instant.ofEpochMilli(seen.get(build.getKey())),
                    parsed));
        }
        return new LiveBuilds(leases, ttl, readAt);
    }

    /**
     * Deletes the rows of builds that are neither running nor among the {@code keep} most recent others: they can
     * never count again.
     */
    public void forgetGone(int keep) {
        LiveBuilds builds = read();
        List<String> counted = new ArrayList<>(
                builds.liveOrRecent(keep, buildId()).stream().map(LiveBuilds.Lease::buildId).toList());
        counted.add(buildId());
        for (LiveBuilds.Lease lease : builds.leases()) {
            if (!counted.contains(lease.buildId())) {
                QuarkusTransaction.requiringNew().run(() -> unit.createNativeQuery("DELETE FROM " + TABLE
                        + " WHERE owner = ?1 AND build_id = ?2").setParameter(1, owner)
                        .setParameter(2, lease.buildId()).executeUpdate());
            }
        }
    }
}
