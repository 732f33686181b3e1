package io.quarkiverse.cloudinary.storage.test.orphans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import jakarta.inject.Inject;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;
import io.quarkiverse.cloudinary.storage.orphans.OrphanCleanupJob;
import io.quarkiverse.cloudinary.storage.test.fields.Product;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Out of the box, an application with Hibernate ORM and the scheduler goes on with the reconciliation every hour, at 23
 * minutes past, with 100 Admin API calls a run and a pass a week.
 */
class ReconciliationScheduleTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .setArchiveProducer(() -> ShrinkWrap.create(JavaArchive.class).addClasses(Product.class))
            .overrideConfigKey("quarkus.datasource.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:reconciliation-schedule;DB_CLOSE_DELAY=-1")
            .overrideConfigKey("quarkus.hibernate-orm.schema-management.strategy", "drop-and-create");

    @Inject
    Scheduler scheduler;

    @Inject
    CloudinaryRuntimeConfig config;

    @Test
    void theJobTicksHourlyByDefault() {
        assertEquals(OrphanCleanupJob.DEFAULT_CRON, config.orphans().cleanup().cron());
        assertEquals(100, config.orphans().reconciliation().maxCallsPerRun());
        assertEquals(Duration.ofDays(7), config.orphans().reconciliation().interval());

        Trigger job = scheduler.getScheduledJob(OrphanCleanupJob.IDENTITY);
        assertNotNull(job, "the job is scheduled");
        ZonedDateTime next = job.getNextFireTime().atZone(ZoneId.systemDefault());
        assertEquals(23, next.getMinute(), next.toString());
        assertEquals(0, next.getSecond(), next.toString());
        assertEquals(true, next.toInstant().isBefore(Instant.now().plus(Duration.ofMinutes(61))), "within the hour");
    }
}
