package io.quarkiverse.cloudinary.storage.deployment.devservices;

import io.quarkiverse.cloudinary.storage.emulator.CloudinaryEmulator;
import io.quarkiverse.cloudinary.storage.emulator.EmulatorAccount;
import io.quarkus.deployment.builditem.Startable;

/**
 * The emulator as a Dev Service: a server in this JVM, no container.
 */
final class EmulatorDevService implements Startable {

    private final CloudinaryDevServicesConfig config;
    private CloudinaryEmulator emulator;

    EmulatorDevService(CloudinaryDevServicesConfig config) {
        this.config = config;
    }

    @Override
    public void start() {
        CloudinaryEmulator.Builder builder = CloudinaryEmulator.builder()
                .host("127.0.0.1")
                .port(config.port().orElse(0))
                .account(account());
        config.dataDirectory().ifPresent(builder::dataDirectory);
        emulator = builder.build();
        emulator.start();
    }

    EmulatorAccount account() {
        return new EmulatorAccount(config.cloudName(), config.apiKey(), config.apiSecret());
    }

    String baseUrl() {
        return emulator.baseUrl();
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
