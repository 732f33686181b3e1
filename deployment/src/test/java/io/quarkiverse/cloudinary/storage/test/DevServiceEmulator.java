package io.quarkiverse.cloudinary.storage.test;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;

/** The control endpoints of the emulator Dev Service that the running test application talks to. */
public final class DevServiceEmulator {

    private DevServiceEmulator() {
    }

    public static EmulatorControlClient control() {
        return new EmulatorControlClient(
                ConfigProvider.getConfig().getValue("quarkus.cloudinary.api-base-url", String.class));
    }
}
