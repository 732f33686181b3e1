package io.quarkiverse.cloudinary.storage.statics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import com.cloudinary.api.ApiResponse;

import io.quarkiverse.cloudinary.storage.CloudinaryNotFoundException;
import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.client.ResourcePages;
import io.quarkiverse.cloudinary.storage.leases.BuildLease;
import io.quarkiverse.cloudinary.storage.leases.LiveBuilds;
import io.quarkiverse.cloudinary.storage.media.MediaDownloads;
import io.quarkiverse.cloudinary.storage.media.MediaName;
import io.quarkiverse.cloudinary.storage.ownership.DeleteGuard;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;

/**
 * One run of the redundant static cleanup. Only this application's own static resources (its owner mark, the static
 * tag, under the static prefix) are candidates. A candidate stays when the current manifest lists it, or one of the
 * kept previous deployments of this owner (those that ran last, as their leases tell), or the manifest of a build of
 * this owner whose lease is fresh (it runs somewhere), or any manifest another owner recorded (one hashed file can serve
 * several
 * environments: the first to upload it owns it), or when it is younger than the configured age. The rest is held
 * against the guard, then deleted 100 public ids per Admin API call, each batch proven again right before its call:
 * no new manifest was recorded meanwhile, and Cloudinary still describes each file as this owner's old file.
 */
final class RedundantStaticCleanup {

    private static final Logger LOG = Logger.getLogger(RedundantStaticCleanup.class);
    static final int DELETE_BATCH = 100;

    private final StaticManifest manifest;
    private final CloudinaryOperations operations;
    private final MediaDownloads downloads;
    private final String tag;
    private final String staticFolder;
    private final StorageOwner owner;
    private final DeleteGuard guard;
    private final BuildLease lease;
    private final AtomicLong requests = new AtomicLong();

    /**
     * @param staticFolder the static prefix as public ids start with it, empty for none
     */
    RedundantStaticCleanup(StaticManifest manifest, CloudinaryOperations operations, MediaDownloads downloads,
            String tag, String staticFolder, StorageOwner owner, DeleteGuard guard, BuildLease lease) {
        this.lease = lease;
        this.manifest = manifest;
        this.operations = operations;
        this.downloads = downloads;
        this.tag = tag;
        this.staticFolder = staticFolder;
        this.owner = owner;
        this.guard = guard;
    }

    RedundantStaticReport run(RedundantStaticOptions options) {
        List<UploadedStatic> uploaded = new ArrayList<>();
        for (CloudinaryResourceType type : CloudinaryResourceType.values()) {
            uploaded.addAll(StaticListing.list(operations, tag, type, requests));
        }
        LiveBuilds live = lease.liveBuilds(requests::incrementAndGet);
        List<UploadedStatic> owned = uploaded.stream()
                .filter(u -> owner.owns(u.ownerMark()) && MediaName.isUnder(u.publicId(), staticFolder)).toList();
        int notOwned = uploaded.size() - owned.size();

        Set<String> needed = new HashSet<>();
        String currentRecord = manifest.recordPublicId(owner.owner());
        needed.add(key(CloudinaryResourceType.RAW, currentRecord));
        needed.add(key(CloudinaryResourceType.RAW, lease.publicId()));
        keep(ManifestRecord.of(manifest.assets()), options.keepUnhashed(), needed);
        Set<String> current = Set.copyOf(needed);

        List<UploadedStatic> records = records(uploaded);
        List<UploadedStatic> previousRecords = records.stream()
                .filter(u -> owner.owns(u.ownerMark()) && !u.publicId().equals(currentRecord))
                // the deployments that ran last first: a redeployed or rolled-back build keeps its old record, and its
                // leases tell when it ran; an unknown time counts as newest, so that it is kept
                .sorted(Comparator.comparing((UploadedStatic u) -> lastRun(u, live),
                        Comparator.nullsFirst(Comparator.<Instant> reverseOrder())))
                .limit(options.keepPreviousDeployments())
                .toList();
        Set<String> keptRecords = new HashSet<>();
        keptRecords.add(currentRecord);
        for (UploadedStatic record : previousRecords) {
            keptRecords.add(record.publicId());
            needed.add(key(record.resourceType(), record.publicId()));
            download(record.publicId()).ifPresent(manifestRecord -> keep(manifestRecord, options.keepUnhashed(), needed));
        }
        // the leases of the most recent previous builds tell an orphan cleanup after a rollback what they referenced
        live.liveOrRecent(options.keepPreviousDeployments(), lease.publicId())
                .forEach(recent -> needed.add(key(CloudinaryResourceType.RAW, recent.publicId())));
        Set<String> neededForPrevious = Set.copyOf(needed);
        Optional<String> unknownLiveBuild = keepLiveBuilds(live, records, keptRecords, options.keepUnhashed(), needed);
        Set<String> neededByOthers = new HashSet<>();
        for (UploadedStatic record : records) {
            if (!owner.owns(record.ownerMark())) {
                download(record.publicId()).ifPresent(manifestRecord -> keep(manifestRecord, true, neededByOthers));
            }
        }

        Instant youngerThan = Instant.now().minus(options.keepYoungerThan());
        List<UploadedStatic> redundant = new ArrayList<>();
        int keptForPrevious = 0;
        int keptForLive = 0;
        int keptAsRecent = 0;
        int keptForOthers = 0;
        for (UploadedStatic candidate : owned) {
            String key = key(candidate.resourceType(), candidate.publicId());
            if (neededForPrevious.contains(key)) {
                keptForPrevious += current.contains(key) ? 0 : 1;
            } else if (needed.contains(key)) {
                keptForLive++;
            } else if (neededByOthers.contains(key)) {
                keptForOthers++;
            } else if (candidate.createdAt() == null || candidate.createdAt().isAfter(youngerThan)) {
                keptAsRecent++;
            } else {
                redundant.add(candidate);
            }
        }
        List<String> redundantIds = redundant.stream().map(UploadedStatic::publicId).sorted().toList();
        Optional<String> refusal = guard.refusal(redundant.size(), owned.size(), options.confirmedDeletes());
        List<String> deleted = List.of();
        List<String> held = List.of();
        Optional<String> stoppedBecause = Optional.empty();
        if (options.dryRun()) {
            deleted = unknownLiveBuild.isPresent() ? List.of() : redundantIds;
            stoppedBecause = unknownLiveBuild;
        } else if (unknownLiveBuild.isPresent()) {
            stoppedBecause = unknownLiveBuild;
            LOG.warnf("Redundant static cleanup deletes nothing: %s", unknownLiveBuild.get());
        } else if (refusal.isPresent()) {
            held = redundantIds;
            LOG.warnf("Redundant static cleanup deletes nothing: %s", refusal.get());
        } else {
            List<String> done = new ArrayList<>();
            stoppedBecause = delete(redundant, records, keptRecords, options.keepUnhashed(), done);
            deleted = done.stream().sorted().toList();
        }
        List<String> liveIds = live.live().stream().map(LiveBuilds.Lease::buildId).sorted().toList();
        RedundantStaticReport report = new RedundantStaticReport(options.dryRun(), deleted,
                owned.size() - deleted.size(), keptForPrevious, keptAsRecent, requests.get(), notOwned, keptForOthers,
                refusal, held, stoppedBecause, keptForLive, liveIds);
        LOG.infof("Redundant static cleanup%s: %d %s, %d kept (%d for previous deployments, %d for %d running builds,"
                + " %d for other owners, %d as recent), %d of other owners left alone%s",
                options.dryRun() ? " (dry run)" : "", deleted.size(),
                options.dryRun() ? "would be deleted" : "deleted", report.kept(), keptForPrevious, keptForLive,
                liveIds.size(), keptForOthers, keptAsRecent, notOwned, stoppedBecause.map(s -> "; stopped: " + s).orElse(""));
        return report;
    }

    /** When a deployment last ran: the later of its record's upload and the last refresh of a lease naming it. */
    private static Instant lastRun(UploadedStatic record, LiveBuilds live) {
        Optional<Instant> leased = live.lastRun(record.publicId());
        if (record.createdAt() == null) {
            return null;
        }
        return leased.filter(at -> at.isAfter(record.createdAt())).orElse(record.createdAt());
    }

    /**
     * Adds to {@code needed} the fresh leases and every file of the builds they hold alive, beyond the records already
     * kept (which it extends).
     *
     * @return why nothing may be deleted: a running build whose manifest record is not there (yet), whose files the
     *         run cannot know
     */
    private Optional<String> keepLiveBuilds(LiveBuilds live, List<UploadedStatic> records, Set<String> keptRecords,
            boolean keepUnhashed, Set<String> needed) {
        Set<String> recordIds = new HashSet<>();
        records.forEach(r -> recordIds.add(r.publicId()));
        for (LiveBuilds.Lease running : live.live()) {
            needed.add(key(CloudinaryResourceType.RAW, running.publicId()));
            String record = running.manifestRecord();
            if (record.isEmpty() || keptRecords.contains(record)) {
                continue;
            }
            Optional<ManifestRecord> content = recordIds.contains(record) ? download(record) : Optional.empty();
            if (content.isEmpty()) {
                return Optional.of("the running build " + running.buildId() + " (lease refreshed at "
                        + running.refreshedAt() + ") names the manifest record " + record + ", which is not there (its"
                        + " static upload may be starting): its files are unknown, so nothing was deleted; run the"
                        + " cleanup again once its upload has finished");
            }
            keptRecords.add(record);
            needed.add(key(CloudinaryResourceType.RAW, record));
            keep(content.get(), keepUnhashed, needed);
        }
        return Optional.empty();
    }

    /** Every owner's manifest records: raw files in the records folder. */
    private List<UploadedStatic> records(List<UploadedStatic> uploaded) {
        return uploaded.stream().filter(u -> u.resourceType() == CloudinaryResourceType.RAW
                && u.publicId().startsWith(manifest.recordsFolder())).toList();
    }

    private void keep(ManifestRecord record, boolean keepUnhashed, Set<String> needed) {
        for (ManifestRecord.Entry entry : record.entries()) {
            needed.add(key(entry.resourceType(), entry.publicId()));
            if (keepUnhashed) {
                needed.add(key(entry.resourceType(), entry.unhashedPublicId()));
            }
        }
    }

    /** A record's content; empty when it is gone (its owner cleaned it up), which protects nothing any more. */
    private Optional<ManifestRecord> download(String recordId) {
        String url = operations.cloudinary().url().resourceType("raw").type("upload").generate(recordId);
        requests.incrementAndGet();
        try (InputStream in = downloads.open("download of static manifest " + recordId, url, null)) {
            return Optional.of(ManifestRecord.parse(in.readAllBytes()));
        } catch (CloudinaryNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the static manifest " + recordId, e);
        }
    }

    /**
     * @param done receives the public ids deleted
     * @return why deleting stopped before the end, if it did
     */
    private Optional<String> delete(List<UploadedStatic> redundant, List<UploadedStatic> recordsSeen,
            Set<String> keptRecords, boolean keepUnhashed, List<String> done) {
        Set<String> recordIdsSeen = new TreeSet<>();
        recordsSeen.forEach(r -> recordIdsSeen.add(r.publicId()));
        Map<String, UploadedStatic> listed = new HashMap<>();
        redundant.forEach(u -> listed.put(key(u.resourceType(), u.publicId()), u));
        // grows with every build found running since the listing; once its record is kept, later batches keep its
        // files through this set
        Set<String> neededNow = new HashSet<>();
        for (CloudinaryResourceType type : CloudinaryResourceType.values()) {
            List<String> ids = redundant.stream().filter(u -> u.resourceType() == type).map(UploadedStatic::publicId)
                    .toList();
            for (int from = 0; from < ids.size(); from += DELETE_BATCH) {
                List<String> batch = new ArrayList<>(ids.subList(from, Math.min(ids.size(), from + DELETE_BATCH)));
                Set<String> recordIdsNow = recordIds();
                if (!recordIdsNow.containsAll(recordIdsSeen) || !recordIdsSeen.containsAll(recordIdsNow)) {
                    return Optional.of("the recorded manifests changed while the cleanup ran (a deployment started or"
                            + " was cleaned up); the " + (redundant.size() - done.size()) + " files not yet deleted"
                            + " were kept: run the cleanup again");
                }
                // a build may have started since the listing: its lease names files this batch must keep
                Optional<String> unknown = keepLiveBuilds(lease.liveBuilds(requests::incrementAndGet), recordsSeen,
                        keptRecords, keepUnhashed, neededNow);
                if (unknown.isPresent()) {
                    return Optional.of(unknown.get() + "; the " + (redundant.size() - done.size()) + " files not yet"
                            + " deleted were kept");
                }
                batch.removeIf(id -> neededNow.contains(key(type, id)));
                if (batch.isEmpty()) {
                    continue;
                }
                Map<String, Map<?, ?>> now = currentState(type, batch);
                batch.removeIf(id -> {
                    Map<?, ?> state = now.get(id);
                    return state == null || !owner.owns(state) || !StorageOwner.hasTag(state, tag)
                            || uploadedAgain(state, listed.get(key(type, id)));
                });
                if (batch.isEmpty()) {
                    continue;
                }
                ApiResponse answer = operations.adminIdempotent("deletion of " + batch.size() + " redundant static "
                        + type.cloudinaryName() + " resources", (api, options) -> {
                            requests.incrementAndGet();
                            options.put("resource_type", type.cloudinaryName());
                            options.put("type", "upload");
                            options.put("invalidate", true);
                            return api.deleteResources(batch, options);
                        });
                Map<?, ?> results = answer.get("deleted") instanceof Map<?, ?> map ? map : Map.of();
                batch.stream().filter(id -> "deleted".equals(results.get(id))).forEach(done::add);
            }
        }
        return Optional.empty();
    }

    /** Whether a file was uploaded again since the listing: then it is not the file the run judged. */
    private static boolean uploadedAgain(Map<?, ?> state, UploadedStatic listed) {
        Object created = state.get("created_at");
        if (created == null || listed.createdAt() == null) {
            return true;
        }
        try {
            return !listed.createdAt().equals(Instant.parse(created.toString()));
        } catch (java.time.format.DateTimeParseException e) {
            return true;
        }
    }

    private Set<String> recordIds() {
        Set<String> ids = new TreeSet<>();
        ResourcePages pages = new ResourcePages(operations, "listing of static manifest records", (api, options) -> {
            options.put("resource_type", "raw");
            options.put("type", "upload");
            options.put("prefix", manifest.recordsFolder());
            return api.resources(options);
        }, requests::incrementAndGet);
        while (pages.hasNext()) {
            pages.next().forEach(resource -> ids.add(resource.get("public_id").toString()));
        }
        return ids;
    }

    private Map<String, Map<?, ?>> currentState(CloudinaryResourceType type, List<String> ids) {
        ApiResponse answer = operations.adminIdempotent("check of " + ids.size() + " redundant static "
                + type.cloudinaryName() + " resources before their delete", (api, options) -> {
                    requests.incrementAndGet();
                    options.put("resource_type", type.cloudinaryName());
                    options.put("type", "upload");
                    options.put("tags", true);
                    options.put("context", true);
                    return api.resourcesByIds(ids, options);
                });
        Map<String, Map<?, ?>> byId = new HashMap<>();
        if (answer.get("resources") instanceof List<?> entries) {
            for (Object entry : entries) {
                if (entry instanceof Map<?, ?> resource && resource.get("public_id") != null) {
                    byId.put(resource.get("public_id").toString(), resource);
                }
            }
        }
        return byId;
    }

    private static String key(CloudinaryResourceType type, String publicId) {
        return type.cloudinaryName() + ":" + publicId;
    }
}
