package io.quarkiverse.cloudinary.storage.client;

import java.time.Duration;
import java.util.Map;

import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The run-time configuration mapping from plain properties, outside a Quarkus application. */
final class RuntimeConfigs {

    private RuntimeConfigs() {
    }

    static CloudinaryRuntimeConfig of(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(CloudinaryRuntimeConfig.class)
                // Quarkus' own "10s" duration syntax, as the application reads it
                .withConverter(Duration.class, 100, new DurationConverter())
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withDefaultValues(properties)
                .build();
        return config.getConfigMapping(CloudinaryRuntimeConfig.class);
    }
}
