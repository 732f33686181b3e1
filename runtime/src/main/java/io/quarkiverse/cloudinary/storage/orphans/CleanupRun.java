package io.quarkiverse.cloudinary.storage.orphans;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.jboss.logging.Logger;

import com.cloudinary.api.ApiResponse;

import io.quarkiverse.cloudinary.storage.CloudinaryException;
import io.quarkiverse.cloudinary.storage.CloudinaryRateLimitedException;
import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.InvalidMediaNameException;
import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.client.RateLimitStatus;
import io.quarkiverse.cloudinary.storage.media.CloudinaryStorage;
import io.quarkiverse.cloudinary.storage.media.MediaName;

/**
 * One cleanup: lists the media tag a page of 500 at a time per resource type, asks the database about each page, and
 * deletes orphans 100 at a time after asking again. Holds one page and at most one unsent batch per delivery type, so
 * memory does not grow with the account.
 */
final class CleanupRun {

    static final int PAGE_SIZE = 500;
    static final int DELETE_BATCH = 100;
    private static final int PROGRESS_EVERY_PAGES = 10;
    private static final Logger LOG = Logger.getLogger(OrphanCleanup.class);

    /** What a run is told. */
    record Settings(boolean dryRun, String mediaTag, List<String> excludedPrefixes, Duration gracePeriod,
            int reportLimit, int rateLimitReserve) {
    }

    private final Settings settings;
    private final CloudinaryOperations operations;
    private final ReferenceQueries references;
    private final Set<CloudinaryResourceType> types;
    private final Function<CloudinaryResourceType, CloudinaryStorage> storages;
    private final Instant startedAt = Instant.now();
    private final long startedNanos = System.nanoTime();
    private final Instant youngest;
    private final List<OrphanedResource> orphans = new ArrayList<>();

    private long scanned;
    private long referenced;
    private long excluded;
    private long tooYoung;
    private long deleted;
    private long failed;
    private long requests;
    private long orphanBytes;
    private String stoppedBecause;

    CleanupRun(Settings settings, CloudinaryOperations operations, ReferenceQueries references,
            Set<CloudinaryResourceType> types, Function<CloudinaryResourceType, CloudinaryStorage> storages) {
        this.settings = settings;
        this.operations = operations;
        this.references = references;
        this.types = types;
        this.storages = storages;
        this.youngest = startedAt.minus(settings.gracePeriod());
    }

    OrphanReport run() {
        List<CloudinaryResourceType> ordered = types.stream().sorted(Comparator.comparing(Enum::ordinal)).toList();
        for (CloudinaryResourceType type : ordered) {
            if (!scan(type)) {
                break;
            }
        }
        return new OrphanReport(settings.dryRun(), scanned, referenced, excluded, tooYoung, deleted, failed, requests,
                Duration.ofNanos(System.nanoTime() - startedNanos), orphanBytes, orphans, stoppedBecause == null,
                Optional.ofNullable(stoppedBecause), startedAt);
    }

    /** @return whether the run goes on with the next resource type */
    private boolean scan(CloudinaryResourceType type) {
        Map<String, List<ListedResource>> batches = new LinkedHashMap<>();
        String cursor = null;
        int pages = 0;
        do {
            Optional<String> budget = budgetSpent();
            if (budget.isPresent()) {
                return stop(type, budget.get(), batches);
            }
            ApiResponse page;
            try {
                page = listPage(type, cursor);
            } catch (CloudinaryRateLimitedException e) {
                return stop(type, "the Admin API answered 'rate limited' until " + e.resetAt(), batches);
            } catch (CloudinaryException e) {
                return stop(type, "listing " + type.cloudinaryName() + " files failed: " + e.getMessage(), batches);
            }
            List<ListedResource> candidates = new ArrayList<>();
            for (ListedResource resource : resources(page)) {
                scanned++;
                if (isExcluded(resource.publicId())) {
                    excluded++;
                } else if (resource.createdAt() == null || resource.createdAt().isAfter(youngest)) {
                    tooYoung++;
                } else {
                    candidates.add(resource);
                }
            }
            Set<String> inUse = references.referenced(type, candidates);
            referenced += inUse.size();
            for (ListedResource candidate : candidates) {
                if (inUse.contains(candidate.publicId())) {
                    continue;
                }
                if (settings.dryRun()) {
                    recordOrphan(type, candidate);
                    continue;
                }
                List<ListedResource> batch = batches.computeIfAbsent(candidate.deliveryType(), t -> new ArrayList<>());
                batch.add(candidate);
                if (batch.size() == DELETE_BATCH && !delete(type, batches, candidate.deliveryType())) {
                    return false;
                }
            }
            Object next = page.get("next_cursor");
            cursor = next == null ? null : next.toString();
            if (++pages % PROGRESS_EVERY_PAGES == 0) {
                LOG.infof("Orphan cleanup in progress: %d media files listed, %d %s, %d referenced, %d failed, %d Admin"
                        + " API requests", scanned, deleted, settings.dryRun() ? "orphans found" : "deleted",
                        referenced, failed, requests);
            }
        } while (cursor != null);
        for (String deliveryType : List.copyOf(batches.keySet())) {
            if (!delete(type, batches, deliveryType)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Asks the database again about the batch, then deletes what is still unreferenced in one call.
     *
     * @return whether the run goes on
     */
    private boolean delete(CloudinaryResourceType type, Map<String, List<ListedResource>> batches,
            String deliveryType) {
        List<ListedResource> batch = batches.get(deliveryType);
        if (batch.isEmpty()) {
            return true;
        }
        Set<String> nowInUse = references.referenced(type, batch);
        referenced += nowInUse.size();
        batch.removeIf(resource -> nowInUse.contains(resource.publicId()));
        if (batch.isEmpty()) {
            return true;
        }
        Optional<String> budget = budgetSpent();
        if (budget.isPresent()) {
            return stop(type, budget.get(), batches);
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
            return stop(type, "the Admin API answered 'rate limited' until " + e.resetAt(), batches);
        } catch (CloudinaryException e) {
            LOG.warnf("Orphan cleanup could not delete %d %s files, the next run tries again: %s", ids.size(),
                    type.cloudinaryName(), e.getMessage());
            failed += ids.size();
            batch.clear();
            return true;
        }
        Map<?, ?> results = answer.get("deleted") instanceof Map<?, ?> map ? map : Map.of();
        for (ListedResource resource : batch) {
            Object result = results.get(resource.publicId());
            if ("deleted".equals(result)) {
                recordOrphan(type, resource);
            } else if (!"not_found".equals(result)) {
                // neither deleted nor gone: Cloudinary did not do it
                failed++;
            }
        }
        batch.clear();
        return true;
    }

    private ApiResponse listPage(CloudinaryResourceType type, String cursor) {
        return operations.adminIdempotent("listing of " + type.cloudinaryName() + " files tagged "
                + settings.mediaTag(), (api, options) -> {
                    requests++;
                    options.put("resource_type", type.cloudinaryName());
                    options.put("max_results", PAGE_SIZE);
                    if (cursor != null) {
                        options.put("next_cursor", cursor);
                    }
                    return api.resourcesByTag(settings.mediaTag(), options);
                });
    }

    private static List<ListedResource> resources(ApiResponse page) {
        List<ListedResource> listed = new ArrayList<>();
        if (page.get("resources") instanceof List<?> entries) {
            for (Object entry : entries) {
                if (entry instanceof Map<?, ?> resource && resource.get("public_id") != null) {
                    listed.add(new ListedResource(resource.get("public_id").toString(),
                            text(resource, "type").orElse("upload"), text(resource, "format").orElse(null),
                            resource.get("bytes") instanceof Number bytes ? bytes.longValue() : 0,
                            text(resource, "created_at").map(CleanupRun::instant).orElse(null),
                            text(resource, "secure_url").or(() -> text(resource, "url")).orElse(null)));
                }
            }
        }
        return listed;
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
        Optional<RateLimitStatus> status = operations.rateLimit();
        if (status.isEmpty() || !status.get().resetAt().isAfter(Instant.now())) {
            return Optional.empty();
        }
        RateLimitStatus limit = status.get();
        if (limit.remaining() > settings.rateLimitReserve()) {
            return Optional.empty();
        }
        return Optional.of("only " + limit.remaining() + " of " + limit.limit() + " Admin API calls are left until "
                + limit.resetAt() + ", and " + settings.rateLimitReserve() + " are kept for the application");
    }

    private boolean stop(CloudinaryResourceType type, String reason, Map<String, List<ListedResource>> batches) {
        long unsent = batches.values().stream().mapToLong(List::size).sum();
        StringBuilder why = new StringBuilder(reason).append("; left for the next run: ");
        if (unsent > 0) {
            why.append(unsent).append(" orphans found and not deleted, ");
        }
        why.append("the rest of the ").append(type.cloudinaryName()).append(" files");
        types.stream().filter(t -> t.ordinal() > type.ordinal()).sorted()
                .forEach(t -> why.append(", the ").append(t.cloudinaryName()).append(" files"));
        stoppedBecause = why.toString();
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
