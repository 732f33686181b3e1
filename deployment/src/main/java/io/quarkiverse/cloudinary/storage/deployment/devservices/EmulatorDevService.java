package io.quarkiverse.cloudinary.storage.deployment.devservices;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Path;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.quarkiverse.cloudinary.storage.emulator.CloudinaryEmulator;
import io.quarkiverse.cloudinary.storage.emulator.EmulatorAccount;
import io.quarkiverse.cloudinary.storage.emulator.model.AssetService;
import io.quarkus.deployment.builditem.Startable;

/**
 * The emulator as a Dev Service: a server in this JVM, no container.
 */
final class EmulatorDevService implements Startable {

    private static final Logger LOG = Logger.getLogger(EmulatorDevService.class);

    /**
     * Where the port of the last emulator of a launch mode is kept: system properties, because they are the JVM's and
     * a restart may load this class again in a new class loader.
     */
    private static final String LAST_PORT = "io.quarkiverse.cloudinary.storage.devservices.last-port.";

    private final CloudinaryDevServicesConfig config;
    private final Optional<Path> dataDirectory;
    private final String launchMode;
    private CloudinaryEmulator emulator;

    /** @param dataDirectory where files are kept, or empty to keep them in memory */
    EmulatorDevService(CloudinaryDevServicesConfig config, Optional<Path> dataDirectory, String launchMode) {
        this.config = config;
        this.dataDirectory = dataDirectory;
        this.launchMode = launchMode;
    }

    /**
     * Where the configuration says files go: the data directory (given, or the default one under the build output
     * directory), or nowhere but memory.
     */
    static Optional<Path> dataDirectory(CloudinaryDevServicesConfig config, boolean test, Path buildOutput) {
        CloudinaryDevServicesConfig.Store store = config.store().orElse(
                test && config.dataDirectory().isEmpty() ? CloudinaryDevServicesConfig.Store.MEMORY
                        : CloudinaryDevServicesConfig.Store.DIRECTORY);
        if (store == CloudinaryDevServicesConfig.Store.MEMORY) {
            return Optional.empty();
        }
        return Optional.of(config.dataDirectory().orElseGet(() -> buildOutput.resolve("cloudinary-emulator"))
                .toAbsolutePath());
    }

    /**
     * Without a configured port, an emulator that replaces an earlier one of the same launch mode (its configuration
     * changed) takes the earlier one's port: the application keeps the URLs it rendered, and Quarkus may still hand it
     * the earlier emulator's address after the restart (seen with 3.33: the closed service's configuration stays first
     * in the Dev Services configuration source). When that port is taken by then, a free one is picked.
     */
    @Override
    public void start() {
        if (config.port().isPresent()) {
            emulator = build(config.port().get());
            emulator.start();
        } else {
            Integer previous = Integer.getInteger(LAST_PORT + launchMode);
            emulator = previous == null ? startOn(0) : startOnPreviousPort(previous);
            System.setProperty(LAST_PORT + launchMode, String.valueOf(emulator.port()));
        }
    }

    private CloudinaryEmulator startOnPreviousPort(int previous) {
        try {
            return startOn(previous);
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof BindException)) {
                throw e;
            }
            LOG.warnf("The Cloudinary emulator could not take port %d again, which another process holds now; it"
                    + " listens on a free port, and URLs rendered before this restart point at the old one", previous);
            return startOn(0);
        }
    }

    private CloudinaryEmulator startOn(int port) {
        CloudinaryEmulator started = build(port);
        started.start();
        return started;
    }

    private CloudinaryEmulator build(int port) {
        CloudinaryEmulator.Builder builder = CloudinaryEmulator.builder()
                .host("127.0.0.1")
                .port(port)
                .account(account())
                .limits(new AssetService.Limits(config.maxImageSize().asLongValue(),
                        config.maxVideoSize().asLongValue(), config.maxRawSize().asLongValue()));
        dataDirectory.ifPresent(builder::dataDirectory);
        config.memoryLimit().ifPresent(limit -> builder.memoryLimit(limit.asLongValue()));
        config.workers().ifPresent(builder::workers);
        return builder.build();
    }

    EmulatorAccount account() {
        return new EmulatorAccount(config.cloudName(), config.apiKey(), config.apiSecret());
    }

    String baseUrl() {
        return emulator.baseUrl();
    }

    /** Where the files are, as the start line says it. */
    String storage() {
        return dataDirectory.map(d -> "files kept in " + d + ", across restarts"
                + " (quarkus.cloudinary.devservices.store=memory keeps them in memory)")
                .orElseGet(() -> "files kept in " + emulator.storeDescription() + ", until the application stops");
    }

    @Override
    public String getConnectionInfo() {
        return baseUrl();
    }

    @Override
    public String getContainerId() {
        return null;
    }

    @Override
    public void close() {
        if (emulator != null) {
            emulator.stop();
        }
    }
}
