package io.quarkiverse.cloudinary.storage.it.storageonly;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkiverse.cloudinary.storage.fields.CloudinaryFiles;
import io.quarkiverse.cloudinary.storage.media.ImageStorage;
import io.quarkiverse.cloudinary.storage.orphans.OrphanCleanup;
import io.quarkiverse.cloudinary.storage.orphans.OrphanCleanupJob;
import io.quarkiverse.cloudinary.storage.statics.StaticResources;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What the application has without Hibernate ORM and the scheduler: the storages and static resources, and none of
 * the beans that need a database or a scheduler, so that nothing loads a class that refers to them.
 */
@QuarkusTest
class WithoutOrmBeansTest {

    @Test
    void neitherHibernateNorTheSchedulerNorTheirBeansAreThere() {
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        for (String absent : List.of("org.hibernate.Session", "io.quarkus.hibernate.orm.panache.PanacheEntity",
                "io.quarkus.narayana.jta.QuarkusTransaction", "io.quarkus.scheduler.Scheduler",
                "io.agroal.api.AgroalDataSource")) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(absent, false, application), absent);
        }
        assertTrue(Arc.container().instance(ImageStorage.class).isAvailable());
        assertTrue(Arc.container().instance(StaticResources.class).isAvailable());
        assertFalse(Arc.container().instance(CloudinaryFiles.class).isAvailable());
        assertFalse(Arc.container().instance(OrphanCleanup.class).isAvailable());
        assertFalse(Arc.container().instance(OrphanCleanupJob.class).isAvailable());
    }

}
