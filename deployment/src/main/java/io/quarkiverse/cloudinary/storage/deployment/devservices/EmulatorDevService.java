package io.quarkiverse.cloudinary.storage.deployment.devservices;

import java.nio.file.Path;
import java.util.Optional;

import io.quarkiverse.cloudinary.storage.emulator.CloudinaryEmulator;
import io.quarkiverse.cloudinary.storage.emulator.EmulatorAccount;
import io.quarkiverse.cloudinary.storage.emulator.model.AssetService;
import io.quarkus.deployment.builditem.Startable;

/**
 * The emulator as a Dev Service: a server in this JVM, no container.
 */
final class EmulatorDevService implements Startable {

    private final CloudinaryDevServicesConfig config;
    private final Optional<Path> dataDirectory;
    private CloudinaryEmulator emulator;

    /** @param dataDirectory where files are kept, or empty to keep them in memory */
    EmulatorDevService(CloudinaryDevServicesConfig config, Optional<Path> dataDirectory) {
        this.config = config;
        this.dataDirectory = dataDirectory;
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

    @Override
    public void start() {
        CloudinaryEmulator.Builder builder = CloudinaryEmulator.builder()
                .host("127.0.0.1")
                .port(config.port().orElse(0))
                .account(account())
                .limits(new AssetService.Limits(config.maxImageSize().asLongValue(),
                        config.maxVideoSize().asLongValue(), config.maxRawSize().asLongValue()));
        dataDirectory.ifPresent(builder::dataDirectory);
        config.memoryLimit().ifPresent(limit -> builder.memoryLimit(limit.asLongValue()));
        config.workers().ifPresent(builder::workers);
        emulator = builder.build();
        emulator.start();
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
