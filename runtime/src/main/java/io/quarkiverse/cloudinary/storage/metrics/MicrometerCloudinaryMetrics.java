package io.quarkiverse.cloudinary.storage.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

import jakarta.enterprise.inject.Instance;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.client.RateLimitStatus;
import io.quarkiverse.cloudinary.storage.orphans.OrphanReport;
import io.quarkiverse.cloudinary.storage.orphans.ReconciliationProgress;
import io.quarkiverse.cloudinary.storage.statics.RedundantStaticReport;
import io.quarkiverse.cloudinary.storage.statics.StaticResources;
import io.quarkiverse.cloudinary.storage.statics.StaticUploadProgress;
import io.quarkiverse.cloudinary.storage.statics.StaticUploadReport;

/**
 * {@link CloudinaryMetrics} as Micrometer meters. A bean only when the application has {@code quarkus-micrometer}: the
 * build registers it then, so this class carries no bean annotation of its own (an annotated class would be a bean,
 * and fail, without Micrometer's classes).
 */
public class MicrometerCloudinaryMetrics implements CloudinaryMetrics {

    private final MeterRegistry registry;
    private final AtomicReference<ReconciliationProgress> reconciliation = new AtomicReference<>();

    /**
     * @param operations read by the Admin API budget gauges when scraped, not now: the operations depend on this bean
     * @param statics read by the static upload gauges when scraped
     */
    public MicrometerCloudinaryMetrics(MeterRegistry registry, Instance<CloudinaryOperations> operations,
            Instance<StaticResources> statics) {
        this.registry = registry;
        gauge("cloudinary.admin.rate.limit.remaining", "Admin API calls left in the current hour, as the last Admin"
                + " API answer said; NaN before the first", operations, o -> budget(o, RateLimitStatus::remaining));
        gauge("cloudinary.admin.rate.limit", "Admin API calls allowed per hour, as the last Admin API answer said",
                operations, o -> budget(o, RateLimitStatus::limit));
        gauge("cloudinary.admin.rate.limit.reset", "Seconds until the Admin API budget resets", operations,
                o -> o.get().rateLimit().map(r -> (double) Math.max(0, Duration.between(Instant.now(), r.resetAt())
                        .toSeconds())).orElse(Double.NaN));
        gauge("cloudinary.orphans.reconciliation.files", "Own media files the current reconciliation pass listed;"
                + " NaN before this application's first run", reconciliation, r -> pass(r, ReconciliationProgress::files));
        gauge("cloudinary.orphans.reconciliation.deleted", "Orphans the current reconciliation pass deleted",
                reconciliation, r -> pass(r, ReconciliationProgress::deleted));
        gauge("cloudinary.orphans.reconciliation.waiting", "1 while the reconciliation pass is complete and waits for"
                + " its interval, else 0", reconciliation, r -> pass(r, p -> p.waiting() ? 1 : 0));
        gauge("cloudinary.static.upload.total", "Files the running or last static upload handles", statics,
                s -> progress(s).total());
        gauge("cloudinary.static.upload.done", "Files the running or last static upload has handled", statics,
                s -> progress(s).done());
        gauge("cloudinary.static.upload.running", "1 while a static upload runs, else 0", statics,
                s -> progress(s).running() ? 1 : 0);
    }

    @Override
    public void uploaded(CloudinaryResourceType type, long bytes, Duration took) {
        uploads(type, "success").record(took);
        DistributionSummary.builder("cloudinary.upload.size").description("Sizes of the media files stored")
                .baseUnit("bytes").tag("type", type.cloudinaryName()).register(registry).record(bytes);
    }

    @Override
    public void uploadFailed(CloudinaryResourceType type, Throwable failure, Duration took) {
        uploads(type, CloudinaryMetrics.failureKind(failure)).record(took);
    }

    @Override
    public void deleted(CloudinaryResourceType type, boolean existed, Duration took) {
        deletes(type, existed ? "deleted" : "absent").record(took);
    }

    @Override
    public void deleteFailed(CloudinaryResourceType type, Throwable failure, Duration took) {
        deletes(type, CloudinaryMetrics.failureKind(failure)).record(took);
    }

    @Override
    public void orphanCleanup(OrphanReport report) {
        String result = report.guardTripped().isPresent() ? "guarded" : report.complete() ? "complete" : "stopped";
        run("orphans", report.dryRun(), result);
        files("orphans", report.dryRun(), "deleted", report.deleted());
        files("orphans", report.dryRun(), "kept", report.kept());
        files("orphans", report.dryRun(), "failed", report.failed());
        Counter.builder("cloudinary.cleanup.deleted.size").description("Bytes of the orphans cleanups deleted")
                .baseUnit("bytes").tag("dry_run", Boolean.toString(report.dryRun())).register(registry)
                .increment(report.orphanBytes());
    }

    @Override
    public void reconciliation(ReconciliationProgress progress) {
        reconciliation.set(progress);
    }

    @Override
    public void staticCleanup(RedundantStaticReport report) {
        String result = report.guardTripped().isPresent() ? "guarded"
                : report.stoppedBecause().isPresent() ? "stopped" : "complete";
        run("static", report.dryRun(), result);
        files("static", report.dryRun(), "deleted", report.deleted().size());
        files("static", report.dryRun(), "kept", report.kept());
    }

    @Override
    public void cleanupFailed(String cleanup, Throwable failure) {
        Counter.builder("cloudinary.cleanup.runs").description("Cleanup runs").tag("cleanup", cleanup)
                .tag("dry_run", "unknown").tag("result", CloudinaryMetrics.failureKind(failure)).register(registry)
                .increment();
    }

    @Override
    public void staticUpload(StaticUploadReport report) {
        staticFiles("uploaded", report.uploaded());
        staticFiles("skipped", report.skipped());
        staticFiles("failed", report.failed());
    }

    private Timer uploads(CloudinaryResourceType type, String outcome) {
        return Timer.builder("cloudinary.uploads")
                .description("Media uploads (storages and @CloudinaryFile fields), retries included, by outcome")
                .tag("type", type.cloudinaryName()).tag("outcome", outcome).register(registry);
    }

    private Timer deletes(CloudinaryResourceType type, String outcome) {
        return Timer.builder("cloudinary.deletes")
                .description("Media deletes (storages, rolled-back uploads), retries included, by outcome")
                .tag("type", type.cloudinaryName()).tag("outcome", outcome).register(registry);
    }

    private void run(String cleanup, boolean dryRun, String result) {
        Counter.builder("cloudinary.cleanup.runs").description("Cleanup runs").tag("cleanup", cleanup)
                .tag("dry_run", Boolean.toString(dryRun)).tag("result", result).register(registry).increment();
    }

    private void files(String cleanup, boolean dryRun, String result, long count) {
        Counter.builder("cloudinary.cleanup.files")
                .description("Files cleanups deleted (would delete, in dry runs), kept after a last check, or failed"
                        + " to delete")
                .tag("cleanup", cleanup).tag("dry_run", Boolean.toString(dryRun)).tag("result", result)
                .register(registry).increment(count);
    }

    private void staticFiles(String result, long count) {
        Counter.builder("cloudinary.static.upload.files").description("Files static uploads handled, by result")
                .tag("result", result).register(registry).increment(count);
    }

    private <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value) {
        Gauge.builder(name, source, value).description(description).strongReference(true).register(registry);
    }

    private static double budget(Instance<CloudinaryOperations> operations, ToDoubleFunction<RateLimitStatus> part) {
        return operations.get().rateLimit().map(part::applyAsDouble).orElse(Double.NaN);
    }

    private static double pass(AtomicReference<ReconciliationProgress> last,
            ToDoubleFunction<ReconciliationProgress> part) {
        ReconciliationProgress progress = last.get();
        return progress == null ? Double.NaN : part.applyAsDouble(progress);
    }

    private static StaticUploadProgress progress(Instance<StaticResources> statics) {
        return statics.isResolvable() ? statics.get().progress() : new StaticUploadProgress(false, 0, 0);
    }
}
