package io.quarkiverse.cloudinary.storage.deployment.metrics;

import java.util.Optional;

import jakarta.inject.Singleton;

import org.jboss.jandex.DotName;

import io.quarkiverse.cloudinary.storage.config.CloudinaryBuildTimeConfig;
import io.quarkiverse.cloudinary.storage.metrics.MicrometerCloudinaryMetrics;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.metrics.MetricsCapabilityBuildItem;
import io.quarkus.runtime.metrics.MetricsFactory;

class CloudinaryMetricsProcessor {

    /** Micrometer meters replace the default no-op metrics, only when the application has Micrometer. */
    @BuildStep
    AdditionalBeanBuildItem micrometerMetrics(Optional<MetricsCapabilityBuildItem> metrics,
            CloudinaryBuildTimeConfig config) {
        if (metrics.filter(m -> m.metricsSupported(MetricsFactory.MICROMETER)).isEmpty() || !config.metrics().enabled()) {
            return null;
        }
        return AdditionalBeanBuildItem.builder().addBeanClass(MicrometerCloudinaryMetrics.class)
                .setDefaultScope(DotName.createSimple(Singleton.class)).setUnremovable().build();
    }
}
