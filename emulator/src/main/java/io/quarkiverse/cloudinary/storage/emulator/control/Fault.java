package io.quarkiverse.cloudinary.storage.emulator.control;

/**
 * What the next request of an endpoint suffers: an error answer with this status, or an answer cut off halfway through
 * its body (status 0).
 */
public record Fault(int status, boolean disconnect) {

    public static Fault withStatus(int status) {
        return new Fault(status, false);
    }

    public static Fault dropConnection() {
        return new Fault(0, true);
    }
}
