package io.quarkiverse.cloudinary.storage.orphans;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

import org.jboss.logging.Logger;

import com.cloudinary.api.ApiResponse;

import io.quarkiverse.cloudinary.storage.CloudinaryBadRequestException;
import io.quarkiverse.cloudinary.storage.CloudinaryException;
import io.quarkiverse.cloudinary.storage.CloudinaryRateLimitedException;
import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.InvalidMediaNameException;
import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.client.RateLimitStatus;
import io.quarkiverse.cloudinary.storage.client.ResourcePages;
import io.quarkiverse.cloudinary.storage.media.CloudinaryStorage;
import io.quarkiverse.cloudinary.storage.media.MediaName;
import io.quarkiverse.cloudinary.storage.ownership.DeleteGuard;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;

/**
 * One cleanup, in two phases. The scan goes on with the reconciliation pass from where the last run left it: it lists
 * this application's own media files, 500 per Admin API call and resource type, and asks the database about each page;
 * it keeps the orphans it finds (never more than the guard could let go). It stops listing where the run's allowance
 * of calls would no longer cover the check and delete calls of what it found. Only when the scan is done does the
 * guard decide whether the run may delete at all. Then each batch of up to 100 is proven again right before its delete
 * call: Cloudinary is asked whether each file is still there, still this application's and still old enough, and the
 * database whether anything references it now.
 */
final class CleanupRun {

    static final int DELETE_BATCH = 100;
    /**
     * Delete batches the orphans of one more page could add at most: 500 files make five batches, and may start a
     * batch of each of the other two delivery types.
     */
    static final int PAGE_DELETE_BATCHES = ResourcePages.MAX_PAGE_SIZE / DELETE_BATCH + 2;
    /** Groups a run's deletes may fall into: three resource types times three delivery types. */
    private static final int DELETE_GROUPS = 9;
    private static final int PROGRESS_EVERY_PAGES = 10;
    private static final Logger LOG = Logger.getLogger(OrphanCleanup.class);

    /**
     * What a run is told.
     *
     * @param mediaFolder the media prefix as public ids start with it, empty for none
     * @param confirmedDeletes the number of deletes a person confirmed, which lets a run past the guard when it is
     *        exactly the number the run would delete
     */
    record Settings(boolean dryRun, String mediaTag, String mediaFolder, List<String> excludedPrefixes,
            Duration gracePeriod, int reportLimit, int rateLimitReserve, DeleteGuard guard,
            OptionalLong confirmedDeletes, int maxCallsPerRun) {
    }

    /**
     * A place in the pass.
     *
     * @param type the resource type listed next, null past the last one: the pass is complete
     * @param cursor the cursor of the next page of that type, null for its first
     */
    record Position(CloudinaryResourceType type, String cursor) {

        static final Position COMPLETE = new Position(null, null);

        boolean complete() {
            return type == null;
        }

        String describe() {
            return complete() ? "the end of the pass"
                    : cursor == null ? "the first page of the " + type.cloudinaryName() + " files"
                            : "the " + type.cloudinaryName() + " files, at a stored cursor";
        }
    }

    private final Settings settings;
    private final CloudinaryOperations operations;
    private final ReferenceQueries references;
    private final StorageOwner owner;
    private final Set<CloudinaryResourceType> types;
    private final List<CloudinaryResourceType> ordered;
    private final Position start;
    private final Function<CloudinaryResourceType, CloudinaryStorage> storages;
    private final Instant startedAt = Instant.now();
    private final long startedNanos = System.nanoTime();
    private final Instant youngest;
    private final List<OrphanedResource> orphans = new ArrayList<>();
    // orphans found by the scan, held for the delete phase; never more than the guard could admit plus one
    private final Map<CloudinaryResourceType, List<ListedResource>> found = new LinkedHashMap<>();
    private final long holdAtMost;

    private long scanned;
    private long notOwned;
    private long referenced;
    private long excluded;
    private long tooYoung;
    private long orphansFound;
    private long deleted;
    private long kept;
    private long failed;
    private long requests;
    private long orphanBytes;
    private long foundBytes;
    private long handled;
    private String stoppedBecause;
    private String guardTripped;
    private long pages;
    private boolean deletesStopped;
    private Position reached;
    private final Map<String, Long> foundByGroup = new HashMap<>();
    private final List<String> notes = new ArrayList<>();

    /**
     * @param requestsBefore Admin API requests the run already made before its scan (the listing of the leases)
     * @param start where the pass stands: the run lists from there
     */
    CleanupRun(Settings settings, CloudinaryOperations operations, ReferenceQueries references, StorageOwner owner,
            Set<CloudinaryResourceType> types, Function<CloudinaryResourceType, CloudinaryStorage> storages,
            long requestsBefore, Position start) {
        this.requests = requestsBefore;
        this.settings = settings;
        this.operations = operations;
        this.references = references;
        this.owner = owner;
        this.types = types;
        this.ordered = types.stream().sorted(Comparator.comparing(Enum::ordinal)).toList();
        // a type no attribute holds any more is skipped; its place in the order still says what comes after it
        this.start = ordered.stream().filter(t -> start.type() != null && t.ordinal() >= start.type().ordinal())
                .findFirst().map(t -> new Position(t, t == start.type() ? start.cursor() : null))
                .orElse(Position.COMPLETE);
        this.reached = this.start;
        this.storages = storages;
        this.youngest = startedAt.minus(settings.gracePeriod());
        this.holdAtMost = Math.max(settings.guard().maxDeletes(), settings.confirmedDeletes().orElse(0)) + 1;
    }

    OrphanReport run() {
        for (CloudinaryResourceType type : ordered) {
            if (start.complete() || type.ordinal() < start.type().ordinal()) {
                continue;
            }
            if (!scan(type, type == start.type() ? start.cursor() : null)) {
                break;
            }
        }
        Optional<String> refusal = settings.guard().refusal(orphansFound, scanned, settings.confirmedDeletes());
        if (refusal.isPresent()) {
            guardTripped = refusal.get();
            if (settings.dryRun()) {
                LOG.infof("Orphan cleanup (dry run): a real run would stop here: %s", guardTripped);
            } else {
                LOG.warnf("Orphan cleanup deletes nothing: %s", guardTripped);
            }
        }
        if (settings.dryRun() || guardTripped != null) {
            // what would have gone: counts cover every orphan found, names those the run held
            found.forEach((type, resources) -> resources.forEach(resource -> recordOrphan(type, resource)));
            orphanBytes = foundBytes;
            deleted = settings.dryRun() ? orphansFound : 0;
        } else {
            for (Map.Entry<CloudinaryResourceType, List<ListedResource>> entry : found.entrySet()) {
                if (!deleteAll(entry.getKey(), entry.getValue())) {
                    break;
                }
            }
        }
        return new OrphanReport(settings.dryRun(), scanned, notOwned, referenced, excluded, tooYoung, deleted, kept,
                failed, requests, Duration.ofNanos(System.nanoTime() - startedNanos), orphanBytes, orphans,
                stoppedBecause == null, Optional.ofNullable(stoppedBecause), Optional.ofNullable(guardTripped),
                orphansFound, startedAt, Optional.empty(), Optional.empty());
    }

    /** Where the pass stands after the scan: the next run goes on from here if this one handled what it found. */
    Position reached() {
        return reached;
    }

    Position start() {
        return start;
    }

    /** Listing pages the scan went past. */
    long pages() {
        return pages;
    }

    /** Whether the run decided every orphan it found: deleted it, kept it, or failed to delete it after retries. */
    boolean handledAll() {
        return !deletesStopped;
    }

    /** What else the run did that an operator should know. */
    List<String> notes() {
        return List.copyOf(notes);
    }

    /**
     * @param cursor where an earlier run left the listing of this type, null for its first page
     * @return whether the run goes on with the next resource type
     */
    private boolean scan(CloudinaryResourceType type, String cursor) {
        ResourcePages pages = listing(type).resumingAt(cursor);
        boolean resumed = cursor != null;
        int pageCount = 0;
        while (pages.hasNext()) {
            Optional<String> budget = budgetSpent().or(this::allowanceSpent);
            if (budget.isPresent()) {
                return stop(type, budget.get());
            }
            List<Map<?, ?>> page;
            try {
                page = pages.next();
            } catch (CloudinaryRateLimitedException e) {
                return stop(type, "the Admin API answered 'rate limited' until " + e.resetAt());
            } catch (CloudinaryBadRequestException e) {
                if (!resumed) {
                    return stop(type, "listing " + type.cloudinaryName() + " files failed: " + e.getMessage());
                }
                // cursors are Cloudinary's to expire: the pass lists this type again rather than stall on it
                String note = "the stored cursor of the " + type.cloudinaryName() + " listing was refused ("
                        + e.getMessage() + "): the " + type.cloudinaryName() + " files are listed again from the"
                        + " first page";
                LOG.warnf("Orphan reconciliation: %s", note);
                notes.add(note);
                pages = listing(type);
                reached = new Position(type, null);
                resumed = false;
                continue;
            } catch (CloudinaryException e) {
                return stop(type, "listing " + type.cloudinaryName() + " files failed: " + e.getMessage());
            }
            resumed = false;
            this.pages++;
            List<ListedResource> candidates = new ArrayList<>();
            for (Map<?, ?> entry : page) {
                if (!inScope(entry)) {
                    notOwned++;
                    continue;
                }
                ListedResource resource = listed(type, entry);
                scanned++;
                if (isExcluded(resource.publicId())) {
                    excluded++;
                } else if (!oldEnough(resource)) {
                    tooYoung++;
                } else {
                    candidates.add(resource);
                }
            }
            Set<String> inUse = references.referenced(type, candidates);
            referenced += inUse.size();
            for (ListedResource candidate : candidates) {
                if (!inUse.contains(candidate.publicId())) {
                    orphansFound++;
                    foundByGroup.merge(type + "/" + candidate.deliveryType(), 1L, Long::sum);
                    foundBytes += candidate.bytes();
                    List<ListedResource> held = found.computeIfAbsent(type, t -> new ArrayList<>());
                    if (heldCount() < holdAtMost) {
                        held.add(candidate);
                    }
                }
            }
            reached = pages.hasNext() ? new Position(type, pages.nextCursor()) : after(type);
            if (++pageCount % PROGRESS_EVERY_PAGES == 0) {
                LOG.infof("Orphan cleanup in progress: %d own media files listed, %d orphans found, %d referenced, %d"
                        + " Admin API requests", scanned, orphansFound, referenced, requests);
            }
        }
        return true;
    }

    private Position after(CloudinaryResourceType type) {
        return ordered.stream().filter(t -> t.ordinal() > type.ordinal()).findFirst()
                .map(t -> new Position(t, null)).orElse(Position.COMPLETE);
    }

    /**
     * Why the run's own allowance of calls forbids another listing page, if it does: the page, and the check and
     * delete calls of the orphans found so far and of those the page could add, must fit. What the guard would refuse
     * anyway needs no calls, so the orphans count only up to what it lets one run delete. The confirmed number plays
     * no part: a run a person confirmed lists the very pages of the run they confirmed.
     */
    private Optional<String> allowanceSpent() {
        long batches = foundByGroup.values().stream().mapToLong(n -> (n + DELETE_BATCH - 1) / DELETE_BATCH).sum();
        long admitted = (settings.guard().maxDeletes() + DELETE_BATCH - 1) / DELETE_BATCH + DELETE_GROUPS;
        long needed = requests + 1 + 2 * (Math.min(batches, admitted) + PAGE_DELETE_BATCHES);
        if (needed <= settings.maxCallsPerRun()) {
            return Optional.empty();
        }
        return Optional.of("this run made " + requests + " of its " + settings.maxCallsPerRun()
                + " Admin API calls (quarkus.cloudinary.orphans.reconciliation.max-calls-per-run) and keeps the rest"
                + " for the check and delete calls of what it found");
    }

    /**
     * This application's own files only: by their owner mark when listed by it, or, when unmarked files are adopted,
     * every file with the media tag, of which the owner check keeps this application's and the unmarked ones.
     */
    private ResourcePages listing(CloudinaryResourceType type) {
        Runnable count = () -> requests++;
        if (owner.adoptsUnmarked()) {
            return new ResourcePages(operations, "listing of " + type.cloudinaryName() + " files tagged "
                    + settings.mediaTag(), (api, options) -> {
                        options.put("resource_type", type.cloudinaryName());
                        options.put("tags", true);
                        options.put("context", true);
                        return api.resourcesByTag(settings.mediaTag(), options);
                    }, count);
        }
        return new ResourcePages(operations, "listing of " + type.cloudinaryName() + " files owned by "
                + owner.owner(), (api, options) -> {
                    options.put("resource_type", type.cloudinaryName());
                    options.put("tags", true);
                    options.put("context", true);
                    return api.resourcesByContext(StorageOwner.OWNER_KEY, owner.owner(), options);
                }, count);
    }

    /** Owned, carrying the media tag, under the media prefix: whatever the listing selected, each is checked here. */
    private boolean inScope(Map<?, ?> resource) {
        return owner.owns(resource) && StorageOwner.hasTag(resource, settings.mediaTag())
                && MediaName.isUnder(resource.get("public_id").toString(), settings.mediaFolder());
    }

    private boolean oldEnough(ListedResource resource) {
        return resource.createdAt() != null && !resource.createdAt().isAfter(youngest);
    }

    private long heldCount() {
        return found.values().stream().mapToLong(List::size).sum();
    }

    /** @return whether the run goes on */
    private boolean deleteAll(CloudinaryResourceType type, List<ListedResource> orphansOfType) {
        Map<String, List<ListedResource>> byDeliveryType = new LinkedHashMap<>();
        orphansOfType.forEach(r -> byDeliveryType.computeIfAbsent(r.deliveryType(), t -> new ArrayList<>()).add(r));
        for (Map.Entry<String, List<ListedResource>> group : byDeliveryType.entrySet()) {
            List<ListedResource> all = group.getValue();
            for (int from = 0; from < all.size(); from += DELETE_BATCH) {
                List<ListedResource> batch = new ArrayList<>(all.subList(from, Math.min(all.size(), from + DELETE_BATCH)));
                if (!deleteBatch(type, group.getKey(), batch)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Proves each file of the batch may go, then deletes the rest in one call.
     *
     * @return whether the run goes on
     */
    private boolean deleteBatch(CloudinaryResourceType type, String deliveryType, List<ListedResource> batch) {
        if (deleted + batch.size() > settings.guard().admitted(settings.confirmedDeletes())) {
            // the scan counted these; anything beyond that count is a defect, and stays
            return stopDeleting("the run reached the number of deletes its guard allows");
        }
        // the check and the delete: a check without its delete would be spent for nothing
        Optional<String> budget = budgetSpent(2);
        if (budget.isEmpty() && settings.confirmedDeletes().isEmpty() && requests + 2 > settings.maxCallsPerRun()) {
            // retries took more than the scan planned for: the next run lists these pages again
            budget = Optional.of("this run made " + requests + " of its " + settings.maxCallsPerRun()
                    + " Admin API calls (quarkus.cloudinary.orphans.reconciliation.max-calls-per-run)");
        }
        if (budget.isPresent()) {
            return stopDeleting(budget.get());
        }
        handled += batch.size();
        Map<String, Map<?, ?>> now;
        try {
            now = currentState(type, deliveryType, batch);
        } catch (CloudinaryRateLimitedException e) {
            handled -= batch.size();
            return stopDeleting("the Admin API answered 'rate limited' until " + e.resetAt());
        } catch (CloudinaryException e) {
            LOG.warnf("Orphan cleanup keeps %d %s files it could not check again, the next run tries again: %s",
                    batch.size(), type.cloudinaryName(), e.getMessage());
            failed += batch.size();
            return true;
        }
        // as Cloudinary describes each file now: an overwrite may have recorded another stored name
        List<ListedResource> current = new ArrayList<>();
        batch.removeIf(resource -> {
            Map<?, ?> state = now.get(resource.publicId());
            if (state == null) {
                // gone already: nothing to delete, nothing lost
                return true;
            }
            ListedResource again = listed(type, state);
            if (!inScope(state) || !oldEnough(again) || isExcluded(again.publicId())) {
                kept++;
                return true;
            }
            current.add(again);
            return false;
        });
        Set<String> nowInUse = references.referenced(type, current);
        referenced += nowInUse.size();
        batch.removeIf(resource -> nowInUse.contains(resource.publicId()));
        if (batch.isEmpty()) {
            return true;
        }
        Optional<String> budgetLeft = budgetSpent();
        if (budgetLeft.isPresent()) {
            handled -= batch.size();
            return stopDeleting(budgetLeft.get());
        }
        List<String> ids = batch.stream().map(ListedResource::publicId).toList();
        ApiResponse answer;
        try {
            answer = operations.adminIdempotent("delete of " + ids.size() + " orphaned " + type.cloudinaryName()
                    + " files", (api, options) -> {
                        requests++;
                        options.put("resource_type", type.cloudinaryName());
                        options.put("type", deliveryType);
                        options.put("invalidate", true);
                        return api.deleteResources(ids, options);
                    });
        } catch (CloudinaryRateLimitedException e) {
            handled -= ids.size();
            return stopDeleting("the Admin API answered 'rate limited' until " + e.resetAt());
        } catch (CloudinaryException e) {
            LOG.warnf("Orphan cleanup could not delete %d %s files, the next run tries again: %s", ids.size(),
                    type.cloudinaryName(), e.getMessage());
            failed += ids.size();
            return true;
        }
        Map<?, ?> results = answer.get("deleted") instanceof Map<?, ?> map ? map : Map.of();
        List<String> gone = new ArrayList<>();
        for (ListedResource resource : batch) {
            Object result = results.get(resource.publicId());
            if ("deleted".equals(result)) {
                recordOrphan(type, resource);
                gone.add(resource.publicId());
            } else if ("not_found".equals(result)) {
                gone.add(resource.publicId());
            } else {
                // neither deleted nor gone: Cloudinary did not do it
                failed++;
            }
        }
        references.forgetDeleted(owner.owner(), type, gone);
        return true;
    }

    /** What Cloudinary says of the batch now, by public id; one Admin API call for up to 100 files. */
    private Map<String, Map<?, ?>> currentState(CloudinaryResourceType type, String deliveryType,
            List<ListedResource> batch) {
        List<String> ids = batch.stream().map(ListedResource::publicId).toList();
        ApiResponse answer = operations.adminIdempotent("check of " + ids.size() + " orphaned " + type.cloudinaryName()
                + " files before their delete", (api, options) -> {
                    requests++;
                    options.put("resource_type", type.cloudinaryName());
                    options.put("type", deliveryType);
                    options.put("tags", true);
                    options.put("context", true);
                    return api.resourcesByIds(ids, options);
                });
        Map<String, Map<?, ?>> byId = new HashMap<>();
        if (answer.get("resources") instanceof List<?> entries) {
            for (Object entry : entries) {
                if (entry instanceof Map<?, ?> resource && resource.get("public_id") != null
                        && deliveryType.equals(resource.get("type") == null ? "upload" : resource.get("type").toString())) {
                    byId.put(resource.get("public_id").toString(), resource);
                }
            }
        }
        return byId;
    }

    private static ListedResource listed(CloudinaryResourceType type, Map<?, ?> resource) {
        String publicId = resource.get("public_id").toString();
        String storedName = StorageOwner.contextValue(resource, StorageOwner.NAME_KEY)
                .filter(name -> MediaName.publicId(type, name).equals(publicId)).orElse(null);
        return new ListedResource(publicId, text(resource, "type").orElse("upload"),
                text(resource, "format").orElse(null), storedName,
                resource.get("bytes") instanceof Number bytes ? bytes.longValue() : 0,
                text(resource, "created_at").map(CleanupRun::instant).orElse(null),
                text(resource, "secure_url").or(() -> text(resource, "url")).orElse(null));
    }

    private static Optional<String> text(Map<?, ?> resource, String key) {
        Object value = resource.get(key);
        return value == null || value.toString().isEmpty() ? Optional.empty() : Optional.of(value.toString());
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private boolean isExcluded(String publicId) {
        return settings.excludedPrefixes().stream().anyMatch(publicId::startsWith);
    }

    /** Why the Admin API budget left for the application forbids another call, if it does. */
    private Optional<String> budgetSpent() {
        return budgetSpent(1);
    }

    /** Why the Admin API budget left for the application forbids {@code calls} more calls, if it does. */
    private Optional<String> budgetSpent(int calls) {
        return budgetSpent(operations, settings.rateLimitReserve(), calls);
    }

    /**
     * Why the Admin API budget, as its last answer reported it, forbids {@code calls} more calls while {@code reserve}
     * are kept for the application, if it does.
     */
    static Optional<String> budgetSpent(CloudinaryOperations operations, int reserve, int calls) {
        Optional<RateLimitStatus> status = operations.rateLimit();
        if (status.isEmpty() || !status.get().resetAt().isAfter(Instant.now())) {
            return Optional.empty();
        }
        RateLimitStatus limit = status.get();
        if (limit.remaining() - calls >= reserve) {
            return Optional.empty();
        }
        return Optional.of("only " + limit.remaining() + " of " + limit.limit() + " Admin API calls are left until "
                + limit.resetAt() + ", and " + reserve + " are kept for the application");
    }

    private boolean stop(CloudinaryResourceType type, String reason) {
        StringBuilder why = new StringBuilder(reason).append("; left for the next run: the rest of the ")
                .append(type.cloudinaryName()).append(" files");
        types.stream().filter(t -> t.ordinal() > type.ordinal()).sorted()
                .forEach(t -> why.append(", the ").append(t.cloudinaryName()).append(" files"));
        stoppedBecause = why.toString();
        return false;
    }

    private boolean stopDeleting(String reason) {
        deletesStopped = true;
        stoppedBecause = reason + "; left for the next run: " + (orphansFound - handled)
                + " orphans found and not yet deleted";
        return false;
    }

    private void recordOrphan(CloudinaryResourceType type, ListedResource resource) {
        deleted++;
        orphanBytes += resource.bytes();
        if (orphans.size() < settings.reportLimit()) {
            orphans.add(new OrphanedResource(resource.publicId(), type, resource.bytes(), resource.createdAt(),
                    url(type, resource)));
        }
    }

    private String url(CloudinaryResourceType type, ListedResource resource) {
        try {
            return storages.apply(type).url(MediaName.fromPublicId(type, resource.publicId(), resource.format()));
        } catch (InvalidMediaNameException e) {
            // a file not stored through this extension may have a name its storages refuse
            return resource.url();
        }
    }
}
