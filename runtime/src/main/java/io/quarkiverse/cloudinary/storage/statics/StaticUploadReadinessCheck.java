package io.quarkiverse.cloudinary.storage.statics;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;
import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig.StaticUploadMode;

/**
 * Not ready until the first static upload has finished, so that a load balancer sends no page whose static URLs do
 * not resolve yet. Registered by the build, application scoped, only when quarkus-smallrye-health is present: it has no
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
        if (resources.uploadMode() == StaticUploadMode.MANUAL || resources.manifestSize() == 0) {
            return response.up().withData("upload", resources.uploadMode() == StaticUploadMode.MANUAL
                    ? "manual"
                    : "nothing to upload").build();
        }
        return resources.lastUpload().map(report -> response.up()
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
