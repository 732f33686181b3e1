package io.quarkiverse.cloudinary.storage.orphans;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.cloudinary.storage.CloudinaryException;
import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFileRegistry;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFiles;
import io.quarkiverse.cloudinary.storage.leases.BuildLease;
import io.quarkiverse.cloudinary.storage.leases.BuildSchema;
import io.quarkiverse.cloudinary.storage.leases.LiveBuilds;
import io.quarkiverse.cloudinary.storage.media.MediaName;
import io.quarkiverse.cloudinary.storage.orphans.CleanupRun.Position;
import io.quarkiverse.cloudinary.storage.ownership.DeleteGuard;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Finds and deletes media files that no {@code @CloudinaryFile} attribute references any more.
 * <p>
 * The cleanup is a reconciliation: a pass lists every one of this application's own media files, and is spread over
 * runs. Each run goes on from the place the last one stored in the database ({@link ReconciliationStore}), spends at
 * most {@code quarkus.cloudinary.orphans.reconciliation.max-calls-per-run} Admin API calls, and stores where it
 * stopped, so that an account far larger than an hourly Admin API budget is listed over hours. Scheduled runs start
 * the next pass only {@code reconciliation.interval} after the last one started; {@link #findOrphans()} and
 * {@link #deleteOrphans()} go on with the pass too, and start the next one at once when it is complete: a person who
 * asks wants an answer now. A dry run never moves the pass, so it previews exactly what the next run would delete.
 * <p>
 * A run lists this application's own media files (those carrying its owner mark, see {@link StorageOwner}, with the
 * media tag, under the media prefix), 500 per Admin API call, for each resource type that some annotated attribute
 * holds, and asks the database which of each page are referenced. Files of other applications and environments on the
 * same account are never candidates. It never deletes a file under an excluded path, nor one younger than the grace
 * period, nor one that, asked again right before its delete batch, Cloudinary no longer describes as this
 * application's old file or the database references; it deletes the others 100 per Admin API call.
 * <p>
 * Before its first delete, the run holds everything it found against its guard
 * ({@code quarkus.cloudinary.orphans.max-deletes} and {@code max-delete-ratio}): a run that would delete more deletes
 * nothing and lists what would have gone, until a person confirms the exact number with
 * {@link #deleteOrphans(long)}: a refused run stores no progress, so the confirmed run lists the same pages and finds
 * the same orphans. It stops before the Admin API budget runs out ({@code rate-limit-reserve}), or at the first "rate
 * limited" answer, and says in its report what it left: the next run goes on from there. One run at a time per
 * application: a second one is refused with {@link CleanupAlreadyRunningException}.
 * <p>
 * Before anything else a run reads the leases of this owner's running builds ({@link BuildLease}): while one of them
 * knows {@code @CloudinaryFile} attributes this build does not (during a rolling deployment that adds one), the run
 * lists and deletes nothing, and its report names that build and those attributes.
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
    private final StorageOwner owner;
    private final BuildLease lease;
    private final CloudinaryFileRegistry registry;
    private final BuildSchema schema;
    private final ReconciliationStore store;
    private final AtomicReference<Instant> runningSince = new AtomicReference<>();
    private final AtomicReference<OrphanReport> lastReport = new AtomicReference<>();

    @Inject
    public OrphanCleanup(CloudinaryOperations operations, CloudinaryFiles files, CloudinaryRuntimeConfig config,
            StorageOwner owner, BuildLease lease, @Any Instance<EntityManager> entityManagers,
            @Any Instance<AgroalDataSource> dataSources) {
        this(operations, files, files.registry(), config, owner, lease, entityManagers,
                ReconciliationStore.of(dataSources, config.orphans().cleanup().lockDatasource()));
    }

    /**
     * A cleanup that judges references by the given attributes instead of those of this build: what another build
     * would do, for tests that play several builds in one application.
     */
    public OrphanCleanup(CloudinaryOperations operations, CloudinaryFiles files, CloudinaryFileRegistry registry,
            CloudinaryRuntimeConfig config, StorageOwner owner, BuildLease lease, Iterable<EntityManager> entityManagers,
            ReconciliationStore store) {
        this.store = store;
        this.operations = operations;
        this.lease = lease;
        this.registry = registry;
        this.schema = BuildSchema.of(registry);
        this.owner = owner;
        this.files = files;
        this.config = config;
        this.references = new ReferenceQueries(registry, entityManagers);
    }

    /**
     * A dry run: the same scan as {@link #deleteOrphans()}, deleting nothing. Its {@code deleted} count, bytes and
     * names are what a real run would delete now.
     *
     * @throws CleanupAlreadyRunningException when a run is in progress
     */
    public OrphanReport findOrphans() {
        return run(true, OptionalLong.empty(), false);
    }

    /**
     * Deletes the orphans, unless there are more than the guard lets one run delete: then it deletes nothing and its
     * report says why and lists them.
     *
     * @throws CleanupAlreadyRunningException when a run is in progress
     */
    public OrphanReport deleteOrphans() {
        return run(false, OptionalLong.empty(), false);
    }

    /**
     * Deletes the orphans past the guard, when they are exactly as many as a person confirmed after reading a report
     * that the guard stopped. A different number deletes nothing, and the report says so.
     *
     * @param confirmedDeletes the number of files the refused report said the run would delete
     * @throws CleanupAlreadyRunningException when a run is in progress
     */
    public OrphanReport deleteOrphans(long confirmedDeletes) {
        if (confirmedDeletes < 0) {
            throw new IllegalArgumentException("confirmedDeletes must not be negative, got " + confirmedDeletes);
        }
        return run(false, OptionalLong.of(confirmedDeletes), false);
    }

    /**
     * What the scheduled job runs: like {@link #deleteOrphans()} (or {@link #findOrphans()}), except that once a pass is
     * complete it waits for {@code reconciliation.interval} before it starts the next, and until then spends nothing.
     */
    public OrphanReport scheduledRun(boolean dryRun) {
        return run(dryRun, OptionalLong.empty(), true);
    }

    /**
     * Where the reconciliation pass stands, as the database (or, without one, this application) keeps it.
     *
     * @throws IllegalStateException when the database cannot be read
     */
    public ReconciliationProgress reconciliationProgress() {
        Optional<ReconciliationStore.PassState> state;
        try {
            state = store.read(ownerKey());
        } catch (SQLException e) {
            throw new IllegalStateException("The table " + ReconciliationStore.TABLE + " could not be read: "
                    + e.getMessage(), e);
        }
        return progress(state);
    }

    /** This application's owner mark and account, as the cleanups use them. */
    public StorageOwner owner() {
        return owner;
    }

    /** Whether a run is in progress in this application. */
    public boolean running() {
        return runningSince.get() != null;
    }

    /** The report of the last finished run of this application, dry or not. */
    public Optional<OrphanReport> lastReport() {
        return Optional.ofNullable(lastReport.get());
    }

    private OrphanReport run(boolean dryRun, OptionalLong confirmedDeletes, boolean scheduled) {
        CleanupRun.Settings settings = settings(dryRun, confirmedDeletes);
        Instant now = Instant.now();
        if (!runningSince.compareAndSet(null, now)) {
            Instant since = runningSince.get();
            throw new CleanupAlreadyRunningException(since == null ? now : since);
        }
        try {
            OrphanReport report;
            try {
                report = reconcile(settings, scheduled, now);
            } catch (RuntimeException e) {
                operations.metrics().cleanupFailed("orphans", e);
                throw e;
            }
            if (report.pass().flatMap(OrphanReport.PassStep::waitingUntil).isPresent()) {
                // an hourly tick that waits is no run: the last report stays the last one that did something
                LOG.debug(report.summary());
                return report;
            }
            lastReport.set(report);
            operations.metrics().orphanCleanup(report);
            LOG.info(report.summary());
            return report;
        } finally {
            runningSince.set(null);
        }
    }

    private OrphanReport reconcile(CleanupRun.Settings settings, boolean scheduled, Instant now) {
        String key = ownerKey();
        Optional<ReconciliationStore.PassState> stored;
        try {
            stored = store.read(key);
        } catch (SQLException e) {
            throw new IllegalStateException("The orphan reconciliation could not read its place in the table "
                    + ReconciliationStore.TABLE + ": " + e.getMessage(), e);
        }
        Duration interval = config.orphans().reconciliation().interval();
        long version = stored.map(ReconciliationStore.PassState::version).orElse(0L);
        CloudinaryResourceType firstType = registry.resourceTypes().stream().min(Comparator.comparing(Enum::ordinal))
                .orElse(null);
        ReconciliationStore.PassState pass;
        if (stored.isEmpty() || stored.get().complete()) {
            if (scheduled && stored.isPresent() && now.isBefore(stored.get().startedAt().plus(interval))) {
                Instant due = stored.get().startedAt().plus(interval);
                operations.metrics().reconciliation(progress(stored));
                return OrphanReport.idle(settings.dryRun(), now, Optional.empty(), Optional.of(new OrphanReport.PassStep(
                        stored.get().startedAt(), Position.COMPLETE.describe(), Position.COMPLETE.describe(), false,
                        Optional.of(due), List.of())));
            }
            // as the table keeps it, so that a report and the progress read back name the same instant
            pass = ReconciliationStore.PassState.startingAt(now.truncatedTo(ChronoUnit.MILLIS), firstType, version);
            if (stored.isPresent()) {
                pass = pass.ranAt(stored.get().lastRunAt(), stored.get().lastRunCalls(), stored.get().lastRunOutcome());
            }
        } else {
            pass = stored.get();
        }
        Position start = new Position(pass.resourceType(), pass.nextCursor());

        long started = System.nanoTime();
        OrphanReport report;
        Position reached = start;
        long pages = 0;
        boolean advance = false;
        List<String> notes = List.of();
        Optional<String> budget = CleanupRun.budgetSpent(operations, settings.rateLimitReserve(), 1);
        if (budget.isPresent()) {
            // not even the leases are listed: the reserve is the application's
            report = OrphanReport.idle(settings.dryRun(), now, budget, Optional.empty());
        } else {
            long[] requests = new long[1];
            Optional<OrphanReport.SchemaSkew> skew = schemaSkew(() -> requests[0]++);
            if (skew.isPresent()) {
                report = OrphanReport.deferred(settings.dryRun(), requests[0],
                        Duration.ofNanos(System.nanoTime() - started), now, skew.get());
                LOG.warnf("Orphan cleanup deferred: %s", skew.get().describe());
            } else {
                CleanupRun run = new CleanupRun(settings, operations, references, owner, registry.resourceTypes(),
                        files::storage, requests[0], start);
                report = run.run();
                start = run.start();
                reached = run.reached();
                pages = run.pages();
                notes = run.notes();
                advance = report.guardTripped().isEmpty() && run.handledAll();
            }
        }
        boolean storedNow = false;
        if (!settings.dryRun()) {
            ReconciliationStore.PassState next = advance
                    ? new ReconciliationStore.PassState(pass.startedAt(), reached.type(), reached.cursor(),
                            reached.complete() ? Instant.now() : null, pass.pages() + pages,
                            pass.files() + report.scanned(), pass.deleted() + report.deleted(), now, report.requests(),
                            null, pass.version())
                    : pass.ranAt(now, report.requests(), null);
            String outcome = report.summary();
            next = next.ranAt(now, report.requests(), outcome);
            try {
                storedNow = store.write(key, next) && advance;
                if (!storedNow && advance) {
                    LOG.warnf("The orphan reconciliation did not store its place: another run moved the pass"
                            + " meanwhile; the next run lists these pages again");
                }
            } catch (SQLException e) {
                LOG.warnf("The orphan reconciliation could not store its place in the table %s; the next run lists"
                        + " these pages again: %s", ReconciliationStore.TABLE, e.getMessage());
            }
            readProgressForMetrics(key);
        }
        return report.withPass(new OrphanReport.PassStep(pass.startedAt(), start.describe(), reached.describe(),
                storedNow, Optional.empty(), notes));
    }

    private void readProgressForMetrics(String key) {
        try {
            operations.metrics().reconciliation(progress(store.read(key)));
        } catch (SQLException e) {
            LOG.debugf("The reconciliation's progress could not be read for metrics: %s", e.getMessage());
        }
    }

    private ReconciliationProgress progress(Optional<ReconciliationStore.PassState> state) {
        Duration interval = config.orphans().reconciliation().interval();
        if (state.isEmpty()) {
            return new ReconciliationProgress(Optional.empty(), Optional.empty(), 0, 0, 0, Optional.empty(),
                    Optional.empty(), 0, Optional.empty(), false, Optional.empty(), store.durable());
        }
        ReconciliationStore.PassState pass = state.get();
        Instant due = pass.startedAt().plus(interval);
        return new ReconciliationProgress(Optional.of(pass.startedAt()), Optional.ofNullable(pass.resourceType()),
                pass.pages(), pass.files(), pass.deleted(), Optional.ofNullable(pass.completedAt()),
                Optional.ofNullable(pass.lastRunAt()), pass.lastRunCalls(), Optional.ofNullable(pass.lastRunOutcome()),
                pass.complete() && Instant.now().isBefore(due), pass.complete() ? Optional.of(due) : Optional.empty(),
                store.durable());
    }

    /** The account and the owner: a cursor of one account means nothing on another. */
    private String ownerKey() {
        return owner.cloudName() + "/" + owner.owner();
    }

    /**
     * A build of this owner that knows attributes this one does not, running or among the previous deployments the
     * static cleanup keeps: during a rolling deployment an old instance would take files only a new attribute
     * references for orphans, and so would the build a rollback went back to. A lease that cannot be read, or leases
     * that cannot be listed, count as such a build: nothing is known of their attributes.
     */
    private Optional<OrphanReport.SchemaSkew> schemaSkew(Runnable onRequest) {
        int previous = config.staticResources().cleanup().keepPreviousDeployments();
        LiveBuilds live;
        try {
            live = lease.liveBuilds(previous, onRequest);
        } catch (CloudinaryException e) {
            return Optional.of(new OrphanReport.SchemaSkew("(unknown: the leases could not be listed: "
                    + e.getMessage() + ")", Instant.now(), List.of()));
        }
        for (LiveBuilds.Lease running : live.liveOrRecent(previous, lease.publicId())) {
            if (running.record().isEmpty()) {
                return Optional.of(new OrphanReport.SchemaSkew(running.buildId(), running.refreshedAt(), List.of()));
            }
            List<BuildSchema.Attribute> unknown = running.record().get().schema().unknownTo(schema);
            if (!unknown.isEmpty()) {
                return Optional.of(new OrphanReport.SchemaSkew(running.buildId(), running.refreshedAt(),
                        unknown.stream().map(BuildSchema.Attribute::toString).toList()));
            }
        }
        return Optional.empty();
    }

    private CleanupRun.Settings settings(boolean dryRun, OptionalLong confirmedDeletes) {
        CloudinaryRuntimeConfig.Orphans orphans = config.orphans();
        if (orphans.gracePeriod().isNegative()) {
            throw new ConfigurationException("quarkus.cloudinary.orphans.grace-period must not be negative, got "
                    + orphans.gracePeriod());
        }
        if (orphans.reportLimit() < 0 || orphans.rateLimitReserve() < 0) {
            throw new ConfigurationException("quarkus.cloudinary.orphans.report-limit and rate-limit-reserve must not"
                    + " be negative");
        }
        int minimum = 2 + 2 * CleanupRun.PAGE_DELETE_BATCHES;
        if (orphans.reconciliation().maxCallsPerRun() < minimum) {
            throw new ConfigurationException("quarkus.cloudinary.orphans.reconciliation.max-calls-per-run must be at"
                    + " least " + minimum + " (the leases, one listing page and the check and delete calls of the"
                    + " orphans one page can hold), got " + orphans.reconciliation().maxCallsPerRun());
        }
        if (orphans.reconciliation().interval().isNegative() || orphans.reconciliation().interval().isZero()) {
            throw new ConfigurationException("quarkus.cloudinary.orphans.reconciliation.interval must be positive, got "
                    + orphans.reconciliation().interval());
        }
        List<String> excluded = excludedPrefixes(orphans);
        return new CleanupRun.Settings(dryRun, config.media().tag(), MediaName.folder(config.media().prefix()), excluded,
                orphans.gracePeriod(), orphans.reportLimit(), orphans.rateLimitReserve(),
                new DeleteGuard(orphans.maxDeletes(), orphans.maxDeleteRatio(), "quarkus.cloudinary.orphans",
                        "is the application pointed at the right database?"),
                confirmedDeletes, orphans.reconciliation().maxCallsPerRun());
    }

    /** The public id prefixes no cleanup deletes, as {@code quarkus.cloudinary.orphans.exclude-paths} names them. */
    static List<String> excludedPrefixes(CloudinaryRuntimeConfig.Orphans orphans) {
        return orphans.excludePaths().orElse(List.of()).stream()
                // a trailing slash keeps a prefix to its folder: "media/keep/" does not cover "media/keeper.png"
                .map(path -> MediaName.trimSlashes(path) + (path.strip().endsWith("/") ? "/" : ""))
                .filter(path -> !path.isEmpty() && !path.equals("/"))
                .toList();
    }
}
