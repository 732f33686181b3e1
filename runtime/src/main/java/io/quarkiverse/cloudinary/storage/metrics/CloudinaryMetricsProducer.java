package io.quarkiverse.cloudinary.storage.metrics;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/** No metrics, unless the build registered {@link MicrometerCloudinaryMetrics} because Micrometer is there. */
@Singleton
public class CloudinaryMetricsProducer {

    @Produces
    @Singleton
    @DefaultBean
    CloudinaryMetrics none() {
        return CloudinaryMetrics.NONE;
    }
}
