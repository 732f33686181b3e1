package io.quarkiverse.cloudinary.storage.statics;

import java.util.Optional;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;
import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig.StaticUploadMode;

/**
 * Not ready until a static upload has put every file on Cloudinary, so that a load balancer sends no page whose static
 * URLs do not resolve: DOWN while the first upload runs, and DOWN after an upload in which any file failed, with the
 * reason in the check's data, until a later upload (from code, a job or the Dev UI) succeeds. Registered by the build,
 * application scoped, only when quarkus-smallrye-health is present: it has no
 * bean-defining annotation, so that applications without health checks never load it.
 */
@Readiness
public class StaticUploadReadinessCheck implements HealthCheck {

    private final StaticResources resources;
    private final CloudinaryRuntimeConfig config;

    public StaticUploadReadinessCheck(StaticResources resources, CloudinaryRuntimeConfig config) {
        this.resources = resources;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Cloudinary static resources")
                .withData("files", resources.manifestSize());
        Optional<StaticUploadReport> last = resources.lastUpload();
        if (last.isPresent() && !last.get().successful()) {
            // whatever the mode: once an upload has failed, pages would link files that are not there
            StaticUploadReport report = last.get();
            return response.down().withData("uploaded", report.uploaded()).withData("skipped", report.skipped())
                    .withData("failed", report.failed())
                    .withData("reason", report.failed() + " static files failed to upload, so their URLs do not"
                            + " resolve; run the upload again (StaticResources.upload())"
                            + (report.failures().isEmpty() ? "" : ": " + report.failures().get(0)))
                    .build();
        }
        if (resources.uploadMode() == StaticUploadMode.MANUAL || resources.manifestSize() == 0) {
            return response.up().withData("upload", resources.uploadMode() == StaticUploadMode.MANUAL
                    ? "manual"
                    : "nothing to upload").build();
        }
        return last.map(report -> response.up()
                .withData("uploaded", report.uploaded())
                .withData("skipped", report.skipped())
                .withData("failed", report.failed())
                .build())
                .orElseGet(() -> {
                    StaticUploadProgress progress = resources.progress();
                    return response.down().withData("upload", "in progress")
                            .withData("done", progress.done()).withData("total", progress.total()).build();
                });
    }
}
