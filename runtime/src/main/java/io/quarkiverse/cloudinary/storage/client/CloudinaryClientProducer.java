package io.quarkiverse.cloudinary.storage.client;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

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

    private static final Logger LOG = Logger.getLogger(CloudinaryClientProducer.class);
    private static final String TRANSACTION_TIMEOUT = "quarkus.transaction-manager.default-transaction-timeout";

    @Produces
    @Singleton
    CloudinarySettings settings(CloudinaryRuntimeConfig config) {
        CloudinarySettings settings = CloudinarySettings.from(config, CloudinaryClientProducer::environment);
        Duration transactionTimeout = ConfigProvider.getConfig()
                .getOptionalValue(TRANSACTION_TIMEOUT, Duration.class).orElse(Duration.ofSeconds(60));
        if (settings.deadline().compareTo(transactionTimeout) >= 0) {
            LOG.warnf("quarkus.cloudinary.http.deadline (%s) is not below %s (%s): an upload inside a transaction may"
                    + " still run when its transaction times out", settings.deadline(), TRANSACTION_TIMEOUT,
                    transactionTimeout);
        }
        return settings;
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
