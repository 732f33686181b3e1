package io.quarkiverse.cloudinary.storage.it;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;

/** The emulator Dev Service of the running test application, reached over HTTP like any client would. */
final class Emulator {

    private Emulator() {
    }

    static EmulatorControlClient control() {
        return new EmulatorControlClient(
                ConfigProvider.getConfig().getValue("quarkus.cloudinary.api-base-url", String.class));
    }
}
