package io.quarkiverse.cloudinary.storage.emulator;

public final class EmulatorMain {
    public static void main(String[] args) {
    }
}
