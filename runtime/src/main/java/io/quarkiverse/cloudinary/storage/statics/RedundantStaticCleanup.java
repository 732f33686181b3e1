package io.quarkiverse.cloudinary.storage.statics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.media.MediaDownloads;

/**
 * One run of the redundant static cleanup: everything under the static tag that neither the current manifest, nor
 * the kept previous deployments' manifests list, and that is older than the configured age, is deleted, 100 public
 * ids per Admin API call.
 */
final class RedundantStaticCleanup {

    private static final Logger LOG = Logger.getLogger(RedundantStaticCleanup.class);
    static final int DELETE_BATCH = 100;

    private final StaticManifest manifest;
    private final CloudinaryOperations operations;
    private final MediaDownloads downloads;
    private final String tag;
    private final AtomicLong requests = new AtomicLong();

    RedundantStaticCleanup(StaticManifest manifest, CloudinaryOperations operations, MediaDownloads downloads, String tag) {
        this.manifest = manifest;
        this.operations = operations;
        this.downloads = downloads;
        this.tag = tag;
    }

    RedundantStaticReport run(RedundantStaticOptions options) {
        List<UploadedStatic> uploaded = new ArrayList<>();
        for (CloudinaryResourceType type : CloudinaryResourceType.values()) {
            uploaded.addAll(StaticListing.list(operations, tag, type, requests));
        }
        Set<String> needed = new HashSet<>();
        needed.add(key(CloudinaryResourceType.RAW, manifest.recordPublicId()));
        keep(ManifestRecord.of(manifest.assets()), options.keepUnhashed(), needed);
        Set<String> current = Set.copyOf(needed);

        List<UploadedStatic> previousRecords = uploaded.stream()
                .filter(u -> u.resourceType() == CloudinaryResourceType.RAW
                        && u.publicId().startsWith(manifest.recordsFolder())
                        && !u.publicId().equals(manifest.recordPublicId()))
                // newest first; an unknown time counts as newest, so that it is kept
                .sorted(Comparator.comparing(UploadedStatic::createdAt,
                        Comparator.nullsFirst(Comparator.<Instant> reverseOrder())))
                .limit(options.keepPreviousDeployments())
                .toList();
        for (UploadedStatic record : previousRecords) {
            needed.add(key(record.resourceType(), record.publicId()));
            keep(download(record), options.keepUnhashed(), needed);
        }

        Instant youngerThan = Instant.now().minus(options.keepYoungerThan());
        List<UploadedStatic> redundant = new ArrayList<>();
        int keptForPrevious = 0;
        int keptAsRecent = 0;
        for (UploadedStatic candidate : uploaded) {
            String key = key(candidate.resourceType(), candidate.publicId());
            if (needed.contains(key)) {
                keptForPrevious += current.contains(key) ? 0 : 1;
            } else if (candidate.createdAt() == null || candidate.createdAt().isAfter(youngerThan)) {
                keptAsRecent++;
            } else {
                redundant.add(candidate);
            }
        }
        if (!options.dryRun()) {
            delete(redundant);
        }
        List<String> deleted = redundant.stream().map(UploadedStatic::publicId).sorted().toList();
        RedundantStaticReport report = new RedundantStaticReport(options.dryRun(), deleted,
                uploaded.size() - redundant.size(), keptForPrevious, keptAsRecent, requests.get());
        LOG.infof("Redundant static cleanup%s: %d %s, %d kept (%d for previous deployments, %d as recent)",
                options.dryRun() ? " (dry run)" : "", deleted.size(), options.dryRun() ? "would be deleted" : "deleted",
                report.kept(), keptForPrevious, keptAsRecent);
        return report;
    }

    private void keep(ManifestRecord record, boolean keepUnhashed, Set<String> needed) {
        for (ManifestRecord.Entry entry : record.entries()) {
            needed.add(key(entry.resourceType(), entry.publicId()));
            if (keepUnhashed) {
                needed.add(key(entry.resourceType(), entry.unhashedPublicId()));
            }
        }
    }

    private ManifestRecord download(UploadedStatic record) {
        String url = operations.cloudinary().url().resourceType("raw").type("upload").generate(record.publicId());
        requests.incrementAndGet();
        try (InputStream in = downloads.open("download of static manifest " + record.publicId(), url, null)) {
            return ManifestRecord.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the static manifest " + record.publicId(), e);
        }
    }

    private void delete(List<UploadedStatic> redundant) {
        for (CloudinaryResourceType type : CloudinaryResourceType.values()) {
            List<String> ids = redundant.stream().filter(u -> u.resourceType() == type).map(UploadedStatic::publicId)
                    .toList();
            for (int from = 0; from < ids.size(); from += DELETE_BATCH) {
                List<String> batch = ids.subList(from, Math.min(ids.size(), from + DELETE_BATCH));
                operations.adminIdempotent("deletion of " + batch.size() + " redundant static " + type.cloudinaryName()
                        + " resources", (api, options) -> {
                            requests.incrementAndGet();
                            options.put("resource_type", type.cloudinaryName());
                            options.put("type", "upload");
                            options.put("invalidate", true);
                            return api.deleteResources(batch, options);
                        });
            }
        }
    }

    private static String key(CloudinaryResourceType type, String publicId) {
        return type.cloudinaryName() + ":" + publicId;
    }
}
