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
import io.quarkiverse.cloudinary.storage.media.MediaDownloads;
import io.quarkiverse.cloudinary.storage.media.MediaName;
import io.quarkiverse.cloudinary.storage.ownership.DeleteGuard;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;

/**
 * One run of the redundant static cleanup. Only this application's own static resources (its owner mark, the static
 * tag, under the static prefix) are candidates. A candidate stays when the current manifest lists it, or one of the
 * kept previous deployments of this owner, or any manifest another owner recorded (one hashed file can serve several
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
    private final AtomicLong requests = new AtomicLong();

    /**
     * @param staticFolder the static prefix as public ids start with it, empty for none
     */
    RedundantStaticCleanup(StaticManifest manifest, CloudinaryOperations operations, MediaDownloads downloads,
            String tag, String staticFolder, StorageOwner owner, DeleteGuard guard) {
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
        List<UploadedStatic> owned = uploaded.stream()
                .filter(u -> owner.owns(u.ownerMark()) && MediaName.isUnder(u.publicId(), staticFolder)).toList();
        int notOwned = uploaded.size() - owned.size();

        Set<String> needed = new HashSet<>();
        needed.add(key(CloudinaryResourceType.RAW, manifest.recordPublicId(owner.owner())));
        keep(ManifestRecord.of(manifest.assets()), options.keepUnhashed(), needed);
        Set<String> current = Set.copyOf(needed);

        List<UploadedStatic> records = records(uploaded);
        List<UploadedStatic> previousRecords = records.stream()
                .filter(u -> owner.owns(u.ownerMark()) && !u.publicId().equals(manifest.recordPublicId(owner.owner())))
                // newest first; an unknown time counts as newest, so that it is kept
                .sorted(Comparator.comparing(UploadedStatic::createdAt,
                        Comparator.nullsFirst(Comparator.<Instant> reverseOrder())))
                .limit(options.keepPreviousDeployments())
                .toList();
        for (UploadedStatic record : previousRecords) {
            needed.add(key(record.resourceType(), record.publicId()));
            download(record).ifPresent(manifestRecord -> keep(manifestRecord, options.keepUnhashed(), needed));
        }
        Set<String> neededByOthers = new HashSet<>();
        for (UploadedStatic record : records) {
            if (!owner.owns(record.ownerMark())) {
                download(record).ifPresent(manifestRecord -> keep(manifestRecord, true, neededByOthers));
            }
        }

        Instant youngerThan = Instant.now().minus(options.keepYoungerThan());
        List<UploadedStatic> redundant = new ArrayList<>();
        int keptForPrevious = 0;
        int keptAsRecent = 0;
        int keptForOthers = 0;
        for (UploadedStatic candidate : owned) {
            String key = key(candidate.resourceType(), candidate.publicId());
            if (needed.contains(key)) {
                keptForPrevious += current.contains(key) ? 0 : 1;
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
            deleted = redundantIds;
        } else if (refusal.isPresent()) {
            held = redundantIds;
            LOG.warnf("Redundant static cleanup deletes nothing: %s", refusal.get());
        } else {
            List<String> done = new ArrayList<>();
            stoppedBecause = delete(redundant, records, done);
            deleted = done.stream().sorted().toList();
        }
        RedundantStaticReport report = new RedundantStaticReport(options.dryRun(), deleted,
                owned.size() - deleted.size(), keptForPrevious, keptAsRecent, requests.get(), notOwned, keptForOthers,
                refusal, held, stoppedBecause);
        LOG.infof("Redundant static cleanup%s: %d %s, %d kept (%d for previous deployments, %d for other owners, %d as"
                + " recent), %d of other owners left alone%s", options.dryRun() ? " (dry run)" : "", deleted.size(),
                options.dryRun() ? "would be deleted" : "deleted", report.kept(), keptForPrevious, keptForOthers,
                keptAsRecent, notOwned, stoppedBecause.map(s -> "; stopped: " + s).orElse(""));
        return report;
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
    private Optional<ManifestRecord> download(UploadedStatic record) {
        String url = operations.cloudinary().url().resourceType("raw").type("upload").generate(record.publicId());
        requests.incrementAndGet();
        try (InputStream in = downloads.open("download of static manifest " + record.publicId(), url, null)) {
            return Optional.of(ManifestRecord.parse(in.readAllBytes()));
        } catch (CloudinaryNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the static manifest " + record.publicId(), e);
        }
    }

    /**
     * @param done receives the public ids deleted
     * @return why deleting stopped before the end, if it did
     */
    private Optional<String> delete(List<UploadedStatic> redundant, List<UploadedStatic> recordsSeen,
            List<String> done) {
        Set<String> recordIdsSeen = new TreeSet<>();
        recordsSeen.forEach(r -> recordIdsSeen.add(r.publicId()));
        Map<String, UploadedStatic> listed = new HashMap<>();
        redundant.forEach(u -> listed.put(key(u.resourceType(), u.publicId()), u));
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
