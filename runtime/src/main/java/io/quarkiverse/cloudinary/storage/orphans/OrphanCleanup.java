package io.quarkiverse.cloudinary.storage.orphans;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFiles;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Finds and deletes media files that no {@code @CloudinaryFile} attribute references any more.
 * <p>
 * A run lists the files carrying the media tag, 500 per Admin API call, for each resource type that some annotated
 * attribute holds, and asks the database which of each page are referenced. It never deletes a file under an
 * excluded path, nor one younger than the grace period, nor one the database references when asked again right
 * before its delete batch; it deletes the others 100 per Admin API call. It stops before the Admin API budget runs
 * out, or at the first "rate limited" answer, and says in its report what it left: the next run goes on from there.
 * One run at a time per application: a second one is refused with {@link CleanupAlreadyRunningException}.
 *
 * <pre>
 * OrphanReport preview = cleanup.findOrphans();
 * if (preview.deleted() &gt; 0) {
 *     OrphanReport done = cleanup.deleteOrphans();
 * }
 * </pre>
 */
@ApplicationScoped
public class OrphanCleanup {

    private static final Logger LOG = Logger.getLogger(OrphanCleanup.class);

    private final CloudinaryOperations operations;
    private final CloudinaryFiles files;
    private final CloudinaryRuntimeConfig config;
    private final ReferenceQueries references;
    private final AtomicReference<Instant> runningSince = new AtomicReference<>();
    private final AtomicReference<OrphanReport> lastReport = new AtomicReference<>();

    public OrphanCleanup(CloudinaryOperations operations, CloudinaryFiles files, CloudinaryRuntimeConfig config,
            @Any Instance<EntityManager> entityManagers) {
        this.operations = operations;
        this.files = files;
        this.config = config;
        this.references = new ReferenceQueries(files.registry(), entityManagers);
    }

    /**
     * A dry run: the same scan as {@link #deleteOrphans()}, deleting nothing. Its {@code deleted} count, bytes and
     * names are what a real run would delete now.
     *
     * @throws CleanupAlreadyRunningException when a run is in progress
     */
    public OrphanReport findOrphans() {
        return run(true);
    }

    /**
     * Deletes the orphans.
     *
     * @throws CleanupAlreadyRunningException when a run is in progress
     */
    public OrphanReport deleteOrphans() {
        return run(false);
    }

    /** Whether a run is in progress in this application. */
    public boolean running() {
        return runningSince.get() != null;
    }

    /** The report of the last finished run of this application, dry or not. */
    public Optional<OrphanReport> lastReport() {
        return Optional.ofNullable(lastReport.get());
    }

    private OrphanReport run(boolean dryRun) {
        CleanupRun.Settings settings = settings(dryRun);
        Instant now = Instant.now();
        if (!runningSince.compareAndSet(null, now)) {
            Instant since = runningSince.get();
            throw new CleanupAlreadyRunningException(since == null ? now : since);
        }
        try {
            OrphanReport report = new CleanupRun(settings, operations, references, files.registry().resourceTypes(),
                    files::storage).run();
            lastReport.set(report);
            LOG.info(report.summary());
            return report;
        } finally {
            runningSince.set(null);
        }
    }

    private CleanupRun.Settings settings(boolean dryRun) {
        CloudinaryRuntimeConfig.Orphans orphans = config.orphans();
        if (orphans.gracePeriod().isNegative()) {
            throw new ConfigurationException("quarkus.cloudinary.orphans.grace-period must not be negative, got "
                    + orphans.gracePeriod());
        }
        if (orphans.reportLimit() < 0 || orphans.rateLimitReserve() < 0) {
            throw new ConfigurationException("quarkus.cloudinary.orphans.report-limit and rate-limit-reserve must not"
                    + " be negative");
        }
        List<String> excluded = orphans.excludePaths().orElse(List.of()).stream()
                .map(path -> path.startsWith("/") ? path.substring(1) : path)
                .filter(path -> !path.isEmpty())
                .toList();
        return new CleanupRun.Settings(dryRun, config.media().tag(), excluded, orphans.gracePeriod(),
                orphans.reportLimit(), orphans.rateLimitReserve());
    }
}
