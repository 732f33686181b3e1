package io.quarkiverse.cloudinary.storage.orphans;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;

import org.jboss.logging.Logger;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.leases.DatabaseLeases;
import io.quarkiverse.cloudinary.storage.media.MediaName;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * What the application's own transactions said about its media files, in the table {@value #TABLE} of every
 * persistence unit that holds {@code @CloudinaryFile} attributes, created when missing:
 *
 * <pre>
 * CREATE TABLE cloudinary_media_journal (owner VARCHAR(255) NOT NULL, event VARCHAR(16) NOT NULL,
 *     resource_type VARCHAR(16) NOT NULL, name VARCHAR(300) NOT NULL, public_id VARCHAR(300) NOT NULL,
 *     at_millis BIGINT NOT NULL)
 * </pre>
 *
 * Two events: {@value #DROPPED}, written when a committed change drops a name from an attribute (the cleanup
 * candidates), and {@value #UPLOADED}, written when a transaction puts into an attribute a name it uploaded itself
 * (which proves, with the owner column, that the file is this owner's without asking Cloudinary). Both are written on
 * the connection of the change, inside its transaction: a rollback writes nothing, a commit can't lose them. Rows are
 * never unique: two transactions that drop one name both insert, and no insert can fail on a key and abort the
 * application's transaction.
 */
final class CandidateJournal {

    static final String TABLE = "cloudinary_media_journal";
    static final String DROPPED = "dropped";
    static final String UPLOADED = "uploaded";
    static final int NAME_LENGTH = 300;
    private static final Logger LOG = Logger.getLogger(CandidateJournal.class);

    /** One row to write. */
    record Entry(String event, CloudinaryResourceType type, String name) {
    }

    /** A name due for the candidate cleanup: dropped by one of the owner's transactions, last at {@code droppedAt}. */
    record Due(CloudinaryResourceType type, String name, Instant droppedAt) {
    }

    private CandidateJournal() {
    }

    /**
     * Writes entries on the connection of the application's transaction: they commit or roll back with it.
     */
    static void write(Connection connection, String owner, Collection<Entry> entries, long atMillis) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE
                + " (owner, event, resource_type, name, public_id, at_millis) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Entry entry : entries) {
                if (entry.name().length() > NAME_LENGTH) {
                    // no stored name is this long; a value some code put there is not a file of this extension
                    continue;
                }
                insert.setString(1, owner);
                insert.setString(2, entry.event());
                insert.setString(3, entry.type().name());
                insert.setString(4, entry.name());
                insert.setString(5, MediaName.publicId(entry.type(), entry.name()));
                insert.setLong(6, atMillis);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Creates the table and its indexes in a persistence unit's database when they are missing. */
    static void ensureTable(EntityManager unit) {
        if (DatabaseLeases.tableExists(unit, TABLE)) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                unit.createNativeQuery("CREATE TABLE " + TABLE + " (owner VARCHAR(255) NOT NULL, event VARCHAR(16) NOT NULL,"
                        + " resource_type VARCHAR(16) NOT NULL, name VARCHAR(" + NAME_LENGTH + ") NOT NULL,"
                        + " public_id VARCHAR(" + NAME_LENGTH + ") NOT NULL, at_millis BIGINT NOT NULL)").executeUpdate();
                unit.createNativeQuery("CREATE INDEX " + TABLE + "_due ON " + TABLE + " (owner, event, at_millis)")
                        .executeUpdate();
                unit.createNativeQuery("CREATE INDEX " + TABLE + "_name ON " + TABLE + " (name, owner)")
                        .executeUpdate();
                unit.createNativeQuery("CREATE INDEX " + TABLE + "_public_id ON " + TABLE + " (public_id, owner)")
                        .executeUpdate();
            });
            LOG.infof("Created the table %s, which records cleanup candidates", TABLE);
        } catch (PersistenceException e) {
            // another instance may have created it at the same moment
            if (!DatabaseLeases.tableExists(unit, TABLE)) {
                throw e;
            }
        }
    }

    /**
     * The names the owner dropped whose last drop is no later than {@code droppedBy}, oldest first, at most
     * {@code limit}.
     */
    static List<Due> due(EntityManager unit, String owner, Instant droppedBy, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Query query = unit.createNativeQuery("SELECT resource_type, name, MAX(at_millis) FROM " + TABLE
                    + " WHERE owner = ?1 AND event = ?2 GROUP BY resource_type, name HAVING MAX(at_millis) <= ?3"
                    + " ORDER BY MAX(at_millis), name");
            query.setParameter(1, owner).setParameter(2, DROPPED).setParameter(3, droppedBy.toEpochMilli());
            query.setMaxResults(limit);
            List<Due> due = new ArrayList<>();
            for (Object row : query.getResultList()) {
                Object[] columns = (Object[]) row;
                Optional<CloudinaryResourceType> type = type(columns[0]);
                if (type.isPresent()) {
                    due.add(new Due(type.get(), columns[1].toString(),
                            Instant.ofEpochMilli(((Number) columns[2]).longValue())));
                }
            }
            return due;
        });
    }

    /** The number of names the owner dropped, and how many of them are due by {@code droppedBy}. */
    static long[] counts(EntityManager unit, String owner, Instant droppedBy) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] row = (Object[]) unit.createNativeQuery("SELECT COUNT(DISTINCT name), COUNT(DISTINCT CASE WHEN"
                    + " at_millis <= ?3 THEN name END), MIN(at_millis) FROM " + TABLE + " WHERE owner = ?1 AND event = ?2")
                    .setParameter(1, owner).setParameter(2, DROPPED).setParameter(3, droppedBy.toEpochMilli())
                    .getSingleResult();
            return new long[] { number(row[0]), number(row[1]), row[2] == null ? -1 : number(row[2]) };
        });
    }

    /**
     * Of the given names, those under whose public id the owner's own transactions uploaded a file that was not
     * deleted since (every delete forgets the events of its public id).
     */
    static List<String> uploadedByOwner(EntityManager unit, String owner, CloudinaryResourceType type,
            Collection<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        Map<String, List<String>> byPublicId = new HashMap<>();
        names.forEach(name -> byPublicId.computeIfAbsent(MediaName.publicId(type, name), id -> new ArrayList<>()).add(name));
        return QuarkusTransaction.requiringNew().call(() -> {
            List<String> found = new ArrayList<>();
            for (Object publicId : unit.createNativeQuery("SELECT DISTINCT public_id FROM " + TABLE + " WHERE owner = ?1"
                    + " AND event = ?2 AND resource_type = ?3 AND public_id IN (?4)").setParameter(1, owner)
                    .setParameter(2, UPLOADED).setParameter(3, type.name()).setParameter(4, byPublicId.keySet())
                    .getResultList()) {
                found.addAll(byPublicId.getOrDefault(publicId.toString(), List.of()));
            }
            return found;
        });
    }

    /** Records again, in a transaction of its own, what a run forgot before a delete that then failed. */
    static void recordAgain(EntityManager unit, String owner, CloudinaryResourceType type, Collection<String> names,
            java.time.Instant droppedAt) {
        if (names.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            for (String name : names) {
                for (String event : List.of(DROPPED, UPLOADED)) {
                    unit.createNativeQuery("INSERT INTO " + TABLE + " (owner, event, resource_type, name, public_id,"
                            + " at_millis) VALUES (?1, ?2, ?3, ?4, ?5, ?6)").setParameter(1, owner).setParameter(2, event)
                            .setParameter(3, type.name()).setParameter(4, name)
                            .setParameter(5, MediaName.publicId(type, name)).setParameter(6, droppedAt.toEpochMilli())
                            .executeUpdate();
                }
            }
        });
    }

    /**
     * Forgets that the owner dropped a name, up to a time: it is referenced again, or not the owner's. A drop
     * recorded after that time stays a candidate of its own.
     */
    static void forgetDrops(EntityManager unit, String owner, CloudinaryResourceType type, Collection<String> names,
            Instant upTo) {
        if (names.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> unit.createNativeQuery("DELETE FROM " + TABLE + " WHERE owner = ?1"
                + " AND event = ?2 AND resource_type = ?3 AND name IN (?4) AND at_millis <= ?5").setParameter(1, owner)
                .setParameter(2, DROPPED).setParameter(3, type.name()).setParameter(4, names)
                .setParameter(5, upTo.toEpochMilli()).executeUpdate());
    }

    /** Forgets every event of the owner's files under these public ids, whatever extension their names carry. */
    static void forgetPublicIds(EntityManager unit, String owner, CloudinaryResourceType type,
            Collection<String> publicIds) {
        if (publicIds.isEmpty()) {
            return;
        }
        List<String> all = new ArrayList<>(publicIds);
        QuarkusTransaction.requiringNew().run(() -> {
            for (int from = 0; from < all.size(); from += 500) {
                unit.createNativeQuery("DELETE FROM " + TABLE + " WHERE owner = ?1 AND resource_type = ?2 AND"
                        + " public_id IN (?3)").setParameter(1, owner).setParameter(2, type.name())
                        .setParameter(3, all.subList(from, Math.min(all.size(), from + 500))).executeUpdate();
            }
        });
    }

    private static Optional<CloudinaryResourceType> type(Object column) {
        try {
            return Optional.of(CloudinaryResourceType.valueOf(column.toString().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
