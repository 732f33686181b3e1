package io.quarkiverse.cloudinary.storage.orphans;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

import org.jboss.logging.Logger;

import com.cloudinary.api.ApiResponse;

import io.quarkiverse.cloudinary.storage.CloudinaryException;
import io.quarkiverse.cloudinary.storage.CloudinaryRateLimitedException;
import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.InvalidMediaNameException;
import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.client.RateLimitStatus;
import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFileRegistry;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFiles;
import io.quarkiverse.cloudinary.storage.fields.TransactionUploads;
import io.quarkiverse.cloudinary.storage.leases.BuildLease;
import io.quarkiverse.cloudinary.storage.leases.BuildSchema;
import io.quarkiverse.cloudinary.storage.leases.DatabaseLeases;
import io.quarkiverse.cloudinary.storage.leases.LiveBuilds;
import io.quarkiverse.cloudinary.storage.media.CloudinaryStorage;
import io.quarkiverse.cloudinary.storage.media.MediaName;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;
import io.quarkus.runtime.StartupEvent;

/**
 * Deletes the files whose names the application's own committed changes dropped, without listing the account: the
 * candidates that {@link DroppedNamesListener} recorded in the journal. A run takes the candidates whose grace period
 * ({@code quarkus.cloudinary.orphans.candidates.grace-period}) has ended, oldest first, and for each batch of up to
 * 100, right before its delete, proves each file may go:
 * <ol>
 * <li>it is this application's: a stored name under the media folder, not excluded, that this owner's own
 * transaction uploaded (the journal says so), or, for a name the journal has no upload of, a file Cloudinary describes
 * with this owner's mark (one Admin API call per 100, only when the budget above the reserve allows);</li>
 * <li>no attribute references it, asked again of the database;</li>
 * <li>the run is within its guard ({@code max-deletes-per-run}).</li>
 * </ol>
 * A running build (or one of the previous deployments) that knows attributes this one does not defers the whole run,
 * as it does the orphan cleanup; the builds are read from the database ({@link DatabaseLeases}), so that a run that
 * deletes with {@code destroy} spends no Admin API call at all.
 */
@ApplicationScoped
public class CandidateCleanup {

    static final int BATCH = 100;
    private static final Logger LOG = Logger.getLogger(CandidateCleanup.class);

    private final CloudinaryOperations operations;
    private final CloudinaryFiles files;
    private final CloudinaryRuntimeConfig config;
    private final StorageOwner owner;
    private final BuildLease lease;
    private final CandidateRecording recording;
    private final ReferenceQueries references;
    private final BuildSchema schema;
    private final AtomicReference<Instant> runningSince = new AtomicReference<>();
    private final AtomicReference<CandidateReport> lastReport = new AtomicReference<>();
    private volatile DatabaseLeases builds;

    @Inject
    public CandidateCleanup(CloudinaryOperations operations, CloudinaryFiles files, CloudinaryRuntimeConfig config,
            StorageOwner owner, BuildLease lease, CandidateRecording recording,
            @Any Instance<EntityManager> entityManagers) {
        this(operations, files, files.registry(), config, owner, lease, recording, entityManagers);
    }

    /**
     * A cleanup that judges references by the given attributes instead of those of this build: what another build
     * would do, for tests that play several builds in one application.
     */
    public CandidateCleanup(CloudinaryOperations operations, CloudinaryFiles files, CloudinaryFileRegistry registry,
            CloudinaryRuntimeConfig config, StorageOwner owner, BuildLease lease, CandidateRecording recording,
            Iterable<EntityManager> entityManagers) {
        this.operations = operations;
        this.files = files;
        this.config = config;
        this.owner = owner;
        this.lease = lease;
        this.recording = recording;
        this.references = new ReferenceQueries(registry, entityManagers);
        this.schema = BuildSchema.of(registry);
    }

    void announceBuild(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 1) StartupEvent start) {
        if (recording.recording()) {
            touchBuild();
        }
    }

    /**
     * Says in the database that this build runs now, so that the candidate runs of other builds know its attributes.
     * Every instance does so at startup and on each tick of the candidate job.
     */
    public void touchBuild() {
        try {
            DatabaseLeases leases = builds();
            leases.touch();
            leases.forgetGone(config.staticResources().cleanup().keepPreviousDeployments());
        } catch (PersistenceException | IllegalStateException e) {
            LOG.warnf("This build could not record itself in %s; candidate runs of other builds defer until it does: %s",
                    DatabaseLeases.TABLE, e.getMessage());
        }
    }

    /** Whether a run is in progress in this application. */
    public boolean running() {
        return runningSince.get() != null;
    }

    /** The report of the last finished run of this application. */
    public Optional<CandidateReport> lastReport() {
        return Optional.ofNullable(lastReport.get());
    }

    /** The candidates waiting, and how many are due, over every persistence unit. */
    public CandidateReport.Queue queue() {
        if (!recording.recording()) {
            return new CandidateReport.Queue(0, 0, Optional.empty());
        }
        Instant dueBy = Instant.now().minus(config.orphans().candidates().gracePeriod());
        long waiting = 0;
        long due = 0;
        Instant oldest = null;
        for (EntityManager unit : recording.units()) {
            long[] counts = CandidateJournal.counts(unit, owner.owner(), dueBy);
            waiting += counts[0];
            due += counts[1];
            if (counts[2] >= 0 && (oldest == null || counts[2] < oldest.toEpochMilli())) {
                oldest = Instant.ofEpochMilli(counts[2]);
            }
        }
        return new CandidateReport.Queue(waiting, due, Optional.ofNullable(oldest));
    }

    /**
     * Deletes the due candidates that may go.
     *
     * @throws CleanupAlreadyRunningException when a run is in progress
     * @throws IllegalStateException when candidates are not recorded
     *         ({@code quarkus.cloudinary.orphans.candidates.enabled=false}, or no journal table)
     */
    public CandidateReport cleanCandidates() {
        if (!recording.recording()) {
            throw new IllegalStateException("Cleanup candidates are not recorded in this application"
                    + " (quarkus.cloudinary.orphans.candidates.enabled, or the journal table could not be created)");
        }
        Instant now = Instant.now();
        if (!runningSince.compareAndSet(null, now)) {
            Instant since = runningSince.get();
            throw new CleanupAlreadyRunningException(since == null ? now : since);
        }
        try {
            CandidateReport report;
            try {
                report = new Run(now).run();
            } catch (RuntimeException e) {
                operations.metrics().cleanupFailed("candidates", e);
                throw e;
            }
            lastReport.set(report);
            if (report.due() > 0 || report.deferredBecause().isPresent()) {
                LOG.info(report.summary());
            } else {
                LOG.debug(report.summary());
            }
            return report;
        } finally {
            runningSince.set(null);
        }
    }

    private synchronized DatabaseLeases builds() {
        DatabaseLeases known = builds;
        if (known == null) {
            List<EntityManager> units = recording.units();
            if (units.isEmpty()) {
                throw new IllegalStateException("no persistence unit holds @CloudinaryFile attributes");
            }
            known = new DatabaseLeases(units.get(0), owner.owner(), lease.record(), lease.ttl());
            known.ensureTable();
            builds = known;
        }
        return known;
    }

    /** A running build, or a recent one, whose attributes this build does not all know. */
    private Optional<String> schemaSkew() {
        int previous = config.staticResources().cleanup().keepPreviousDeployments();
        LiveBuilds live;
        try {
            live = builds().read();
        } catch (PersistenceException | IllegalStateException e) {
            return Optional.of("the builds recorded in " + DatabaseLeases.TABLE + " could not be read: " + e.getMessage());
        }
        for (LiveBuilds.Lease other : live.liveOrRecent(previous, builds().buildId())) {
            if (other.record().isEmpty()) {
                return Optional.of("the build " + other.buildId() + " (seen at " + other.refreshedAt()
                        + ") has a record that could not be read, so its @CloudinaryFile attributes are unknown");
            }
            List<BuildSchema.Attribute> unknown = other.record().get().schema().unknownTo(schema);
            if (!unknown.isEmpty()) {
                return Optional.of("the build " + other.buildId() + " (seen at " + other.refreshedAt()
                        + ") knows @CloudinaryFile attributes this build does not: " + unknown
                        + "; files only they reference would look unreferenced here");
            }
        }
        return Optional.empty();
    }

    /** One run's state. */
    private final class Run {

        private final Instant startedAt;
        private final long started = System.nanoTime();
        private final Instant dueBy;
        private final CloudinaryRuntimeConfig.Candidates settings = config.orphans().candidates();
        private final String mediaFolder = MediaName.folder(config.media().prefix());
        private final List<String> excluded = OrphanCleanup.excludedPrefixes(config.orphans());
        private final List<String> deletedNames = new ArrayList<>();
        private final AtomicLong uploadApiCalls = new AtomicLong();
        private final AtomicLong adminApiCalls = new AtomicLong();
        private long due;
        private long deleted;
        private long gone;
        private long referenced;
        private long notOwned;
        private long failed;
        private long handled;
        private String method;
        private String stoppedBecause;
        private ExecutorService destroyers;
        private long waitingForUploads;

        Run(Instant startedAt) {
            this.startedAt = startedAt;
            this.dueBy = startedAt.minus(config.orphans().candidates().gracePeriod());
        }

        CandidateReport run() {
            Map<EntityManager, List<CandidateJournal.Due>> dueByUnit = new LinkedHashMap<>();
            for (EntityManager unit : recording.units()) {
                // a few more than one run deletes: candidates that stay (referenced, not ours) don't starve the rest
                List<CandidateJournal.Due> found = CandidateJournal.due(unit, owner.owner(), dueBy,
                        settings.maxDeletesPerRun() + BATCH);
                due += found.size();
                if (!found.isEmpty()) {
                    dueByUnit.put(unit, found);
                }
            }
            if (due == 0) {
                return report(Optional.empty());
            }
            Optional<String> skew = schemaSkew();
            if (skew.isPresent()) {
                return report(skew);
            }
            method = chooseMethod();
            try {
                units: for (Map.Entry<EntityManager, List<CandidateJournal.Due>> unit : dueByUnit.entrySet()) {
                    Map<CloudinaryResourceType, List<CandidateJournal.Due>> byType = new LinkedHashMap<>();
                    unit.getValue().forEach(d -> byType.computeIfAbsent(d.type(), t -> new ArrayList<>()).add(d));
                    for (Map.Entry<CloudinaryResourceType, List<CandidateJournal.Due>> ofType : byType.entrySet()) {
                        List<CandidateJournal.Due> all = ofType.getValue();
                        for (int from = 0; from < all.size(); from += BATCH) {
                            List<CandidateJournal.Due> batch = all.subList(from, Math.min(all.size(), from + BATCH));
                            if (!batch(unit.getKey(), ofType.getKey(), batch)) {
                                break units;
                            }
                        }
                    }
                }
            } finally {
                if (destroyers != null) {
                    destroyers.shutdownNow();
                }
            }
            return report(Optional.empty());
        }

        /** @return whether the run goes on */
        private boolean batch(EntityManager unit, CloudinaryResourceType type, List<CandidateJournal.Due> batch) {
            CloudinaryStorage storage = files.storage(type);
            String ownerName = owner.owner();
            // 1. this application's: a stored name under the media folder, not excluded
            List<String> inScope = new ArrayList<>();
            List<String> outOfScope = new ArrayList<>();
            for (CandidateJournal.Due candidate : batch) {
                String name = candidate.name();
                boolean ours;
                try {
                    MediaName.validate(name);
                    String publicId = MediaName.publicId(type, name);
                    ours = MediaName.isUnder(publicId, mediaFolder)
                            && excluded.stream().noneMatch(publicId::startsWith);
                } catch (InvalidMediaNameException e) {
                    ours = false;
                }
                (ours ? inScope : outOfScope).add(name);
            }
            handled += outOfScope.size();
            notOwned += outOfScope.size();
            CandidateJournal.forgetDrops(unit, ownerName, type, outOfScope, dueBy);
            // a file of this application is being stored under the same id, its row not committed yet: it waits
            int before = inScope.size();
            inScope.removeIf(name -> TransactionUploads.inFlight(type, MediaName.publicId(type, name)));
            waitingForUploads += before - inScope.size();
            // ... and uploaded by this owner: the journal proves it, else Cloudinary's mark on the file
            List<String> owned = new ArrayList<>(CandidateJournal.uploadedByOwner(unit, ownerName, type, inScope));
            List<String> unproven = inScope.stream().filter(name -> !owned.contains(name)).toList();
            if (!unproven.isEmpty()) {
                Optional<Boolean> proven = proveByMark(unit, type, storage, unproven, owned);
                if (proven.isEmpty()) {
                    return stop("the Admin API budget left does not allow checking the owner of files the journal has"
                            + " no upload of");
                }
            }
            // 3. within the guard
            if (deleted + owned.size() > settings.maxDeletesPerRun()) {
                int allowed = (int) Math.max(0, settings.maxDeletesPerRun() - deleted);
                owned.subList(allowed, owned.size()).clear();
                stoppedBecause = "the run reached quarkus.cloudinary.orphans.candidates.max-deletes-per-run ("
                        + settings.maxDeletesPerRun() + ")";
            }
            // 2. referenced by nothing, asked right before the delete
            List<ListedResource> listed = owned.stream().map(name -> listed(type, storage, name)).toList();
            Set<String> inUse = references.referenced(type, listed);
            List<String> referencedNames = owned.stream().filter(n -> inUse.contains(MediaName.publicId(type, n)))
                    .toList();
            referenced += referencedNames.size();
            handled += referencedNames.size();
            CandidateJournal.forgetDrops(unit, ownerName, type, referencedNames, dueBy);
            List<String> toDelete = owned.stream().filter(n -> !inUse.contains(MediaName.publicId(type, n))).toList();
            if (!toDelete.isEmpty()) {
                delete(unit, type, storage, toDelete);
            }
            return stoppedBecause == null;
        }

        /**
         * Asks Cloudinary which of the names are files carrying this owner's mark; adds those to {@code owned}, and
         * forgets the others as candidates.
         *
         * @return empty when the Admin API budget does not allow the call
         */
        private Optional<Boolean> proveByMark(EntityManager unit, CloudinaryResourceType type, CloudinaryStorage storage,
                List<String> names, List<String> owned) {
            if (budgetLacks(1)) {
                return Optional.empty();
            }
            Map<String, String> byPublicId = new HashMap<>();
            names.forEach(name -> byPublicId.put(MediaName.publicId(type, name), name));
            ApiResponse answer;
            try {
                answer = operations.adminIdempotent("owner check of " + names.size() + " candidate " + type.cloudinaryName()
                        + " files", (api, options) -> {
                            adminApiCalls.incrementAndGet();
                            options.put("resource_type", type.cloudinaryName());
                            options.put("type", storage.deliveryType().cloudinaryName());
                            options.put("tags", true);
                            options.put("context", true);
                            return api.resourcesByIds(new ArrayList<>(byPublicId.keySet()), options);
                        });
            } catch (CloudinaryRateLimitedException e) {
                return Optional.empty();
            } catch (CloudinaryException e) {
                LOG.warnf("Candidate cleanup keeps %d %s files whose owner it could not check, the next run tries"
                        + " again: %s", names.size(), type.cloudinaryName(), e.getMessage());
                failed += names.size();
                handled += names.size();
                return Optional.of(false);
            }
            List<String> described = new ArrayList<>();
            List<String> notOurs = new ArrayList<>();
            if (answer.get("resources") instanceof List<?> resources) {
                for (Object entry : resources) {
                    if (entry instanceof Map<?, ?> resource && resource.get("public_id") != null) {
                        String name = byPublicId.get(resource.get("public_id").toString());
                        if (name == null) {
                            continue;
                        }
                        described.add(name);
                        if (owner.owns(resource) && StorageOwner.hasTag(resource, config.media().tag())) {
                            owned.add(name);
                        } else {
                            notOurs.add(name);
                        }
                    }
                }
            }
            List<String> missing = names.stream().filter(name -> !described.contains(name)).toList();
            gone += missing.size();
            notOwned += notOurs.size();
            handled += missing.size() + notOurs.size();
            CandidateJournal.forgetPublicIds(unit, owner.owner(), type,
                    missing.stream().map(name -> MediaName.publicId(type, name)).distinct().toList());
            CandidateJournal.forgetDrops(unit, owner.owner(), type, notOurs, dueBy);
            return Optional.of(true);
        }

        /**
         * Deletes proven files. Their journal events are forgotten first, in a transaction of their own: a run that
         * dies between the two leaves a file nobody names any more (the reconciliation finds it), never a journal that
         * names a file that is gone, whose public id a later upload may take. What then fails is recorded again.
         */
        private void delete(EntityManager unit, CloudinaryResourceType type, CloudinaryStorage storage,
                List<String> names) {
            if (method.equals("bulk") && budgetLacks(1)) {
                // the budget ran low during the run: the Upload API still deletes
                method = "destroy";
            }
            CandidateJournal.forgetPublicIds(unit, owner.owner(), type,
                    names.stream().map(name -> MediaName.publicId(type, name)).distinct().toList());
            List<String> done = new ArrayList<>();
            if (method.equals("bulk")) {
                bulkDelete(type, storage, names, done);
            } else {
                destroy(storage, names, destroyers(), done);
            }
            handled += names.size();
            List<String> notDone = names.stream().filter(name -> !done.contains(name)).toList();
            CandidateJournal.recordAgain(unit, owner.owner(), type, notDone, dueBy);
        }

        private ExecutorService destroyers() {
            if (destroyers == null) {
                destroyers = Executors.newFixedThreadPool(Math.max(1, settings.destroyConcurrency()), runnable -> {
                    Thread thread = new Thread(runnable, "cloudinary-candidate-destroy");
                    thread.setDaemon(true);
                    return thread;
                });
            }
            return destroyers;
        }

        private void destroy(CloudinaryStorage storage, List<String> names, ExecutorService destroyers,
                List<String> done) {
            Map<String, Future<Boolean>> calls = new LinkedHashMap<>();
            for (String name : names) {
                calls.put(name, destroyers.submit(() -> {
                    uploadApiCalls.incrementAndGet();
                    return storage.delete(name);
                }));
            }
            for (Map.Entry<String, Future<Boolean>> call : calls.entrySet()) {
                try {
                    if (call.getValue().get()) {
                        recordDeleted(call.getKey());
                    } else {
                        gone++;
                    }
                    done.add(call.getKey());
                } catch (ExecutionException e) {
                    failed++;
                    LOG.warnf("Candidate cleanup could not delete %s, the next run tries again: %s", call.getKey(),
                            e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failed++;
                }
            }
        }

        private void bulkDelete(CloudinaryResourceType type, CloudinaryStorage storage, List<String> names,
                List<String> done) {
            Map<String, String> byPublicId = new LinkedHashMap<>();
            names.forEach(name -> byPublicId.put(MediaName.publicId(type, name), name));
            ApiResponse answer;
            try {
                answer = operations.adminIdempotent("delete of " + names.size() + " candidate " + type.cloudinaryName()
                        + " files", (api, options) -> {
                            adminApiCalls.incrementAndGet();
                            options.put("resource_type", type.cloudinaryName());
                            options.put("type", storage.deliveryType().cloudinaryName());
                            options.put("invalidate", true);
                            return api.deleteResources(new ArrayList<>(byPublicId.keySet()), options);
                        });
            } catch (CloudinaryException e) {
                LOG.warnf("Candidate cleanup could not delete %d %s files, the next run tries again: %s", names.size(),
                        type.cloudinaryName(), e.getMessage());
                failed += names.size();
                return;
            }
            Map<?, ?> results = answer.get("deleted") instanceof Map<?, ?> map ? map : Map.of();
            byPublicId.forEach((publicId, name) -> {
                Object result = results.get(publicId);
                if ("deleted".equals(result)) {
                    recordDeleted(name);
                    done.add(name);
                } else if ("not_found".equals(result)) {
                    gone++;
                    done.add(name);
                } else {
                    failed++;
                }
            });
        }

        private void recordDeleted(String name) {
            deleted++;
            if (deletedNames.size() < config.orphans().reportLimit()) {
                deletedNames.add(name);
            }
        }

        private String chooseMethod() {
            return switch (settings.deleteWith()) {
                case DESTROY -> "destroy";
                case BULK -> "bulk";
                case AUTO -> {
                    // a check of the owner and a delete per batch, at worst
                    long calls = 2 * ((Math.min(due, settings.maxDeletesPerRun()) + BATCH - 1) / BATCH);
                    yield due > settings.bulkAbove() && budgetKnownToCover(calls) ? "bulk" : "destroy";
                }
            };
        }

        /** Whether Cloudinary last reported enough Admin API calls left, above the reserve, for {@code calls}. */
        private boolean budgetKnownToCover(long calls) {
            Optional<RateLimitStatus> status = operations.rateLimit();
            return status.isPresent() && status.get().resetAt().isAfter(Instant.now())
                    && status.get().remaining() - calls >= config.orphans().rateLimitReserve();
        }

        /** Whether the Admin API budget, as last reported, forbids {@code calls} more calls. */
        private boolean budgetLacks(int calls) {
            return CleanupRun.budgetSpent(operations, config.orphans().rateLimitReserve(), calls).isPresent();
        }

        private boolean stop(String reason) {
            stoppedBecause = reason;
            return false;
        }

        private CandidateReport report(Optional<String> deferred) {
            long left = deferred.isPresent() ? due : Math.max(0, due - handled);
            return new CandidateReport(startedAt, Duration.ofNanos(System.nanoTime() - started), due, deleted, gone,
                    referenced, notOwned, failed, left, deleted + gone > 0 ? Optional.ofNullable(method) : Optional.empty(),
                    uploadApiCalls.get(), adminApiCalls.get(), deletedNames, deferred,
                    left > 0 && stoppedBecause == null && deferred.isEmpty()
                            ? Optional.of(waitingForUploads > 0
                                    ? waitingForUploads + " wait for an upload under the same public id, whose"
                                            + " transaction is still open"
                                    : "more candidates are due than one run takes")
                            : Optional.ofNullable(stoppedBecause));
        }
    }

    /**
     * The candidate as the reference check asks for it: by its public id, and, where names carry an extension the
     * public id lacks, by every name under that id. The file there now may be a later one, stored under the same id
     * with another extension, that a row references.
     */
    private static ListedResource listed(CloudinaryResourceType type, CloudinaryStorage storage, String name) {
        return new ListedResource(MediaName.publicId(type, name), storage.deliveryType().cloudinaryName(),
                MediaName.extension(name).orElse(null), type.keepsExtensionInPublicId() ? name : null, 0, null, null);
    }
}
