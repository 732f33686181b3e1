package io.quarkiverse.cloudinary.storage.it;

import java.time.Duration;
import java.util.List;

import jakarta.persistence.EntityManager;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** The extension's journal of cleanup candidates and its table of builds, as tests read and prepare them. */
final class Journal {

    private Journal() {
    }

    static void clear() {
        QuarkusTransaction.requiringNew()
                .run(() -> em().createNativeQuery("DELETE FROM cloudinary_media_journal").executeUpdate());
    }

    /** The names recorded as dropped, oldest drop first, each once. */
    static List<String> dropped() {
        return names("dropped");
    }

    /** The names recorded as uploaded by this application's transactions. */
    static List<String> uploaded() {
        return names("uploaded");
    }

    /** The candidates whose last drop is at least {@code grace} old, as (resource type, stored name) pairs. */
    static List<String[]> due(Duration grace) {
        long dueBy = System.currentTimeMillis() - grace.toMillis();
        return QuarkusTransaction.requiringNew().call(() -> em().createNativeQuery(
                "SELECT resource_type, name FROM cloudinary_media_journal WHERE event = 'dropped'"
                        + " GROUP BY resource_type, name HAVING MAX(at_millis) <= ?1")
                .setParameter(1, dueBy).getResultList().stream()
                .map(row -> new String[] { ((Object[]) row)[0].toString(), ((Object[]) row)[1].toString() }).toList());
    }

    /** Moves every recorded event back in time, as if that much time had passed. */
    static void age(Duration by) {
        QuarkusTransaction.requiringNew().run(() -> em().createNativeQuery(
                "UPDATE cloudinary_media_journal SET at_millis = at_millis - ?1").setParameter(1, by.toMillis())
                .executeUpdate());
    }

    /** Records a running build of the owner that knows one more image attribute. */
    static void runningBuildWithAttribute(String owner, String entity, String attribute) {
        QuarkusTransaction.requiringNew().run(() -> {
            String[] lines = { "manifest\t", "attribute\t" + entity + "\t" + attribute + "\timage\t" };
            for (int i = 0; i < lines.length; i++) {
                em().createNativeQuery("INSERT INTO cloudinary_build_lease (owner, build_id, line_no, lease_line,"
                        + " seen_at) VALUES (?1, ?2, ?3, ?4, ?5)").setParameter(1, owner).setParameter(2, entity)
                        .setParameter(3, i).setParameter(4, lines[i]).setParameter(5, System.currentTimeMillis())
                        .executeUpdate();
            }
        });
    }

    static void forgetBuild(String entity) {
        QuarkusTransaction.requiringNew().run(() -> em()
                .createNativeQuery("DELETE FROM cloudinary_build_lease WHERE build_id = ?1").setParameter(1, entity)
                .executeUpdate());
    }

    private static List<String> names(String event) {
        return QuarkusTransaction.requiringNew().call(() -> em().createNativeQuery(
                "SELECT name FROM cloudinary_media_journal WHERE event = ?1 GROUP BY name ORDER BY MIN(at_millis), name")
                .setParameter(1, event).getResultList().stream().map(Object::toString).toList());
    }

    private static EntityManager em() {
        return Panache.getEntityManager();
    }
}
