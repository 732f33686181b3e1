package io.quarkiverse.cloudinary.storage.statics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.quarkiverse.cloudinary.storage.CloudinaryException;
import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.client.Deadline;
import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;

/**
 * One run of the static upload: list what the static tag already holds, then send only what is missing or different,
 * several files at a time. A second run with nothing changed makes only the listing calls.
 */
final class StaticUpload {

    private static final Logger LOG = Logger.getLogger(StaticUpload.class);

    /** One file to put on Cloudinary: a hashed file, an unhashed copy, or the manifest record. */
    private record Target(String label, CloudinaryResourceType resourceType, String publicId, long bytes, String md5,
            String classpathResource, byte[] content, String hashedKey) {

        String key() {
            return key(resourceType, publicId);
        }

        static String key(CloudinaryResourceType resourceType, String publicId) {
            return resourceType.cloudinaryName() + ":" + publicId;
        }
    }

    private final StaticManifest manifest;
    private final CloudinaryOperations operations;
    private final CloudinaryRuntimeConfig.StaticResources config;
    private final CloudinaryRuntimeConfig.Media media;
    private final ClassLoader resources;
    private final AtomicInteger done;
    private final AtomicInteger total;
    private final AtomicLong requests = new AtomicLong();
    private final Semaphore chunkedUploads = new Semaphore(1);
    private final StorageOwner owner;
    private final boolean recordDeployment;

    /**
     * @param config the static group, and the media group's chunked upload settings
     * @param recordDeployment whether the manifest record goes up, making this upload a deployment that cleanups keep
     * @param resources the class loader of the application, where the hashed files are
     * @param done progress counter this run updates: files handled
     * @param total progress counter this run sets: files to handle
     */
    StaticUpload(StaticManifest manifest, CloudinaryOperations operations, CloudinaryRuntimeConfig config,
            StorageOwner owner, boolean recordDeployment, ClassLoader resources, AtomicInteger done,
            AtomicInteger total) {
        this.manifest = manifest;
        this.owner = owner;
        this.recordDeployment = recordDeployment;
        this.operations = operations;
        this.config = config.staticResources();
        this.media = config.media();
        this.resources = resources;
        this.done = done;
        this.total = total;
    }

    StaticUploadReport run() {
        Instant started = Instant.now();
        if (manifest.size() == 0) {
            total.set(0);
            done.set(0);
            return report(0, 0, 0, 0, started, List.of());
        }
        List<Target> targets = targets();
        total.set(targets.size() + (recordDeployment ? 1 : 0));
        done.set(0);
        Map<String, UploadedStatic> uploaded = new HashMap<>();
        try {
            Set<CloudinaryResourceType> types = EnumSet.noneOf(CloudinaryResourceType.class);
            targets.forEach(t -> types.add(t.resourceType()));
            if (recordDeployment) {
                types.add(CloudinaryResourceType.RAW);
            }
            for (CloudinaryResourceType type : types) {
                for (UploadedStatic existing : StaticListing.list(operations, config.tag(), type, requests)) {
                    uploaded.put(Target.key(type, existing.publicId()), existing);
                }
            }
        } catch (CloudinaryException e) {
            String failure = "listing of the static resources already on Cloudinary failed: " + e.getMessage();
            LOG.errorf("Static upload stopped: %s", failure);
            return report(0, 0, targets.size(), 0, started, List.of(failure));
        }
        int recordSkipped = 0;
        if (recordDeployment) {
            byte[] record = ManifestRecord.of(manifest.assets()).toBytes();
            Target recordTarget = new Target("manifest record", CloudinaryResourceType.RAW,
                    manifest.recordPublicId(owner.owner()), record.length, null, null, record, null);
            if (isUpToDate(recordTarget, uploaded.get(recordTarget.key()))) {
                recordSkipped = 1;
            } else {
                // before any file: from now on every owner's cleanup keeps what this deployment lists, also the
                // files it finds there already and does not send
                try {
                    send(recordTarget);
                } catch (IOException | RuntimeException e) {
                    String failure = "the manifest record " + recordTarget.publicId() + " could not be uploaded, so no"
                            + " file was sent (cleanups would not know that this deployment needs them): "
                            + e.getMessage();
                    LOG.errorf("Static upload stopped: %s", failure);
                    return report(0, 0, total.get(), 0, started, List.of(failure));
                }
            }
            done.incrementAndGet();
        }
        List<Target> missing = new ArrayList<>();
        Set<String> missingKeys = new java.util.HashSet<>();
        for (Target target : targets) {
            boolean hashedResent = target.hashedKey() != null && missingKeys.contains(target.hashedKey());
            if (!hashedResent && isUpToDate(target, uploaded.get(target.key()))) {
                done.incrementAndGet();
            } else {
                missing.add(target);
                missingKeys.add(target.key());
            }
        }
        int skipped = targets.size() - missing.size() + recordSkipped;
        LOG.debugf("Static upload: %d of %d files already on Cloudinary", skipped, targets.size());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicLong bytes = new AtomicLong();
        AtomicInteger sent = new AtomicInteger(recordDeployment && recordSkipped == 0 ? 1 : 0);
        if (!missing.isEmpty()) {
            sendAll(missing, skipped, sent, bytes, failures, started);
        }
        List<String> sortedFailures = new ArrayList<>(failures);
        Collections.sort(sortedFailures);
        StaticUploadReport report = report(sent.get(), skipped, sortedFailures.size(), bytes.get(), started,
                sortedFailures);
        String summary = String.format(
                "Static upload: %d uploaded, %d skipped (already there), %d failed, %d bytes, %d requests, %d ms",
                report.uploaded(), report.skipped(), report.failed(), report.bytes(), report.requests(),
                report.duration().toMillis());
        if (report.failed() > 0) {
            LOG.warnf("%s; failures:%n\t%s", summary, String.join("\n\t", sortedFailures));
        } else {
            LOG.info(summary);
        }
        return report;
    }

    private List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        for (StaticAsset asset : manifest.assets()) {
            targets.add(new Target(asset.originalName(), asset.resourceType(), asset.publicId(), asset.bytes(), asset.md5(),
                    asset.classpathResource(), null, null));
        }
        // an unhashed copy changes content under the same name, and may keep its size: it goes up with its hashed file
        if (config.uploadUnhashed()) {
            for (StaticAsset asset : manifest.assets()) {
                targets.add(new Target(asset.originalName() + " (unhashed)", asset.resourceType(),
                        asset.unhashedPublicId(), asset.bytes(), asset.md5(), asset.classpathResource(), null,
                        Target.key(asset.resourceType(), asset.publicId())));
            }
        }
        return targets;
    }

    /**
     * Hashed names carry their content's hash, so the same name with the same size is the same file. The listing gives
     * no ETag on Cloudinary; when it does, it is compared too. An unhashed copy is resent whenever its hashed file is.
     */
    private boolean isUpToDate(Target target, UploadedStatic existing) {
        if (existing == null || existing.bytes() != target.bytes()) {
            return false;
        }
        if (existing.etag() != null && target.md5() != null && !existing.etag().equals(target.md5())) {
            return false;
        }
        return true;
    }

    private void sendAll(List<Target> missing, int skipped, AtomicInteger sent, AtomicLong bytes, List<String> failures,
            Instant started) {
        int threads = Math.max(1, Math.min(config.concurrency(), missing.size()));
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "cloudinary-static-upload-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        AtomicLong lastProgressLog = new AtomicLong(System.nanoTime());
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (Target target : missing) {
                tasks.add(pool.submit(() -> {
                    try {
                        send(target);
                        sent.incrementAndGet();
                        bytes.addAndGet(target.bytes());
                    } catch (IOException | RuntimeException e) {
                        failures.add(target.label() + " -> " + target.resourceType().cloudinaryName() + " "
                                + target.publicId() + ": " + e.getMessage());
                    }
                    done.incrementAndGet();
                    logProgress(lastProgressLog, skipped, started);
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add("the upload was interrupted with " + (total.get() - done.get()) + " files left");
        } catch (java.util.concurrent.ExecutionException e) {
            failures.add("the upload stopped: " + e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Sends one file without holding it: from its file on disk when the application's resources are a directory (dev
     * mode, tests), else (inside the application jar) copied to a temporary file first, which the SDK streams from. Only
     * the manifest record, a few lines, is sent from memory.
     */
    private void send(Target target) throws IOException {
        if (target.content() != null) {
            operations.uploadIdempotent("upload of static " + target.publicId(), (uploader, options) -> {
                requests.incrementAndGet();
                uploadOptions(target, options);
                return uploader.upload(target.content(), options);
            });
            return;
        }
        if (target.bytes() > media.chunkedUploadThreshold().asLongValue()) {
            sendChunked(target);
            return;
        }
        Optional<Path> onDisk = fileOnDisk(target.classpathResource());
        if (onDisk.isPresent()) {
            sendFile(target, onDisk.get());
            return;
        }
        Path spooled = Files.createTempFile("cloudinary-static-", ".upload");
        try {
            try (InputStream in = open(target.classpathResource())) {
                Files.copy(in, spooled, StandardCopyOption.REPLACE_EXISTING);
            }
            sendFile(target, spooled);
        } finally {
            Files.deleteIfExists(spooled);
        }
    }

    private void sendFile(Target target, Path file) {
        operations.uploadIdempotent("upload of static " + target.publicId(), (uploader, options) -> {
            requests.incrementAndGet();
            uploadOptions(target, options);
            return uploader.upload(file.toFile(), options);
        });
    }

    /** The file a class path resource is, when the class loader reads it from a directory. */
    private Optional<Path> fileOnDisk(String resource) {
        URL url = resources.getResource(resource);
        if (url == null || !"file".equals(url.getProtocol())) {
            return Optional.empty();
        }
        try {
            Path file = Path.of(url.toURI());
            return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Cloudinary refuses single requests above 100 MB: large files go in chunks, read from the class path as they are
     * sent. The SDK holds about two chunks per upload, so one large file goes at a time; the others wait for it. The
     * whole file is sent again when a chunk fails.
     */
    private void sendChunked(Target target) {
        long chunkSize = media.chunkSize().asLongValue();
        String operation = "chunked upload of static " + target.publicId();
        try {
            chunkedUploads.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while another large file was being sent", e);
        }
        try {
            // in the background, outside any transaction: the time a whole file takes grows with its size
            operations.retrying(operation, Deadline.none(), none -> {
                try (InputStream in = open(target.classpathResource())) {
                    return operations.uploadChunked(operation, (uploader, options) -> {
                        requests.addAndGet(Math.max(1, (target.bytes() + chunkSize - 1) / chunkSize));
                        uploadOptions(target, options);
                        options.put("chunk_size", Math.toIntExact(chunkSize));
                        return uploader.uploadLarge(in, options);
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not read " + target.classpathResource(), e);
                }
            });
        } finally {
            chunkedUploads.release();
        }
    }

    private void uploadOptions(Target target, Map<String, Object> options) {
        options.put("resource_type", target.resourceType().cloudinaryName());
        options.put("type", "upload");
        options.put("public_id", target.publicId());
        // a different file under this name (a failed earlier run, an unhashed copy) must be replaced everywhere
        options.put("overwrite", true);
        options.put("invalidate", true);
        options.put("use_filename", false);
        options.put("unique_filename", false);
        options.put("tags", List.of(config.tag()));
        options.put("context", owner.context());
        options.put("filename", target.publicId().substring(target.publicId().lastIndexOf('/') + 1));
    }

    private InputStream open(String resource) throws IOException {
        InputStream in = resources.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("not found on the class path: " + resource);
        }
        return in;
    }

    private void logProgress(AtomicLong lastLog, int skipped, Instant started) {
        long now = System.nanoTime();
        long last = lastLog.get();
        if (now - last < config.progressInterval().toNanos() || !lastLog.compareAndSet(last, now)) {
            return;
        }
        int handled = done.get();
        int all = total.get();
        double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        double rate = seconds > 0 ? (handled - skipped) / seconds : 0;
        long left = rate > 0 ? Math.round((all - handled) / rate) : -1;
        LOG.infof("Static upload: %d/%d files (%d%%), %.1f files/s, %s left", handled, all, handled * 100 / all, rate,
                left < 0 ? "unknown time" : "about " + left + " s");
    }

    private StaticUploadReport report(int uploaded, int skipped, int failed, long bytes, Instant started,
            List<String> failures) {
        Instant finished = Instant.now();
        return new StaticUploadReport(uploaded, skipped, failed, bytes, Duration.between(started, finished),
                requests.get(), failures, finished, manifest.id());
    }
}
