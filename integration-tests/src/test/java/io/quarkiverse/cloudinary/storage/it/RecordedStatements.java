package io.quarkiverse.cloudinary.storage.it;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.resource.jdbc.spi.StatementInspector;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;

/**
 * The SQL Hibernate sends while a test records it, unchanged: {@link ReferenceQueryPlansTest} asks the database how it
 * would run each reference query. Records nothing otherwise.
 */
@PersistenceUnitExtension
@ApplicationScoped
public class RecordedStatements implements StatementInspector {

    private static final int MOST_RECORDED = 10_000;
    private static volatile List<String> recording;

    static void start() {
        recording = new ArrayList<>();
    }

    static List<String> stop() {
        List<String> recorded = recording;
        recording = null;
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    @Override
    public String inspect(String sql) {
        List<String> into = recording;
        if (into != null) {
            synchronized (into) {
                if (into.size() < MOST_RECORDED) {
                    into.add(sql);
                }
            }
        }
        return sql;
    }
}
