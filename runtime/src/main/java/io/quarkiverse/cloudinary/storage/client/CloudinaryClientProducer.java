package io.quarkiverse.cloudinary.storage.client;

import java.util.Optional;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.eclipse.microprofile.config.ConfigProvider;

import com.cloudinary.Cloudinary;

import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;

/**
 * Produces the application's one {@link Cloudinary} client.
 * <p>
 * {@code @Singleton} rather than {@code @ApplicationScoped}: the SDK exposes public fields ({@code cloudinary.config})
 * that a client proxy would not delegate. Singletons are still created on first use, not at startup.
 */
@Singleton
public class CloudinaryClientProducer {

    @Produces
    @Singleton
    CloudinarySettings settings(CloudinaryRuntimeConfig config) {
        return CloudinarySettings.from(config, CloudinaryClientProducer::environment);
    }

    @Produces
    @Singleton
    Cloudinary cloudinary(CloudinarySettings settings) {
        return CloudinaryClientFactory.create(settings, CloudinaryClientFactory.connectionManager(settings));
    }

    void close(@Disposes Cloudinary cloudinary) {
        if (cloudinary.config.properties.get("connectionManager") instanceof PoolingHttpClientConnectionManager pool) {
            pool.shutdown();
        }
    }

    /**
     * Environment variables through the config system, which reads the real environment and system properties (the
     * SDK too reads {@code CLOUDINARY_URL} from both), so one lookup serves the application and its tests.
     */
    static Optional<String> environment(String name) {
        return ConfigProvider.getConfig().getOptionalValue(name, String.class);
    }
}
