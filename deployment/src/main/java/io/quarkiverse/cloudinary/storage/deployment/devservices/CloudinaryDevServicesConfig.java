package io.quarkiverse.cloudinary.storage.deployment.devservices;

import java.nio.file.Path;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Cloudinary emulator Dev Service: in dev and test mode, when no Cloudinary credentials are configured, the
 * extension starts a Cloudinary-compatible server in the JVM and points the client at it.
 */
@ConfigMapping(prefix = "quarkus.cloudinary.devservices")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface CloudinaryDevServicesConfig {

    /**
     * Whether the emulator starts when no credentials are configured (neither `quarkus.cloudinary.url`,
     * `cloud-name`, `api-key`, `api-secret` nor the `CLOUDINARY_*` environment variables).
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * Port of the emulator on 127.0.0.1. A free port is picked when unset.
     */
    Optional<Integer> port();

    /**
     * Cloud name of the emulated account.
     */
    @WithDefault("dev-cloud")
    String cloudName();

    /**
     * API key of the emulated account.
     */
    @WithDefault("111111111111111")
    String apiKey();

    /**
     * API secret of the emulated account. Only the emulator accepts it.
     */
    @WithDefault("dev-secret")
    String apiSecret();

    /**
     * Directory where the emulator keeps assets, so that they survive restarts of the application. Assets are kept
     * in memory when unset; they survive live reloads either way.
     */
    Optional<Path> dataDirectory();
}
