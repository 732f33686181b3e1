package io.quarkiverse.cloudinary.storage.deployment.devservices;

import java.nio.file.Path;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigDocDefault;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Cloudinary emulator Dev Service: in dev and test mode, when no Cloudinary credentials are configured, the
 * extension starts a Cloudinary-compatible server in the JVM and points the client at it.
 */
@ConfigMapping(prefix = "quarkus.cloudinary.devservices")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface CloudinaryDevServicesConfig {

    /** Where the emulator keeps files. */
    enum Store {
        /** In `data-directory`, across restarts. */
        DIRECTORY,
        /** On the heap, up to `memory-limit`, until the application stops. */
        MEMORY
    }

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
     * Where the emulator keeps uploaded files and their records. `directory` keeps them in `data-directory`, so that
     * they survive restarts of dev mode as the rows of a file database do; `memory` keeps them on the heap, up to
     * `memory-limit`, until the application stops. Either way they survive live reloads.
     *
     * By default `directory` in dev mode, or whenever `data-directory` is set, and `memory` in tests, so that every
     * test run starts from an empty account whatever an earlier run left.
     */
    @ConfigDocDefault("directory in dev mode or with a data-directory, memory in tests")
    Optional<Store> store();

    /**
     * Directory where the emulator keeps files and records with the `directory` store. It is the emulator's alone: a
     * second emulator started on it at the same time fails with a message saying so.
     */
    @ConfigDocDefault("cloudinary-emulator in the build output directory (target/cloudinary-emulator with Maven)")
    Optional<Path> dataDirectory();

    /**
     * The most the `memory` store holds. Once it is full, uploads are refused with a 400 saying so, in Cloudinary's
     * error format, and everything else keeps working: reads, deletes, listings, the control endpoints.
     */
    @ConfigDocDefault("a quarter of the JVM's maximum heap")
    Optional<MemorySize> memoryLimit();

    /**
     * Threads serving the emulated APIs and delivery. The control endpoints (`/_emulator/...`) have threads of their
     * own, so they answer however busy the workers are.
     */
    @ConfigDocDefault("16, or 8 per processor when that is more")
    Optional<Integer> workers();

    /**
     * Largest image the emulator accepts. Above it, uploads are refused with Cloudinary's `File size too large`
     * answer. The default is the limit of a paid plan in the usage example of Cloudinary's Admin API reference, so that
     * dev mode accepts what a paid account accepts; `10M` is the Free plan's.
     */
    @WithDefault("150M")
    MemorySize maxImageSize();

    /**
     * Largest video the emulator accepts, in one request or in chunks. The default is a paid plan's, as for images;
     * `100M` is the Free plan's.
     */
    @WithDefault("3000M")
    MemorySize maxVideoSize();

    /**
     * Largest raw file the emulator accepts. The default is a paid plan's, as for images; `10M` is the Free plan's.
     */
    @WithDefault("2000M")
    MemorySize maxRawSize();
}
