package io.quarkiverse.cloudinary.storage.emulator;

import java.util.Objects;

/**
 * A Cloudinary account the emulator serves: its cloud name and the one API key and secret it accepts.
 */
public record EmulatorAccount(String cloudName, String apiKey, String apiSecret) {

    public EmulatorAccount {
        Objects.requireNonNull(cloudName, "cloudName");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(apiSecret, "apiSecret");
    }

    /** The value a client puts in {@code CLOUDINARY_URL} (or {@code quarkus.cloudinary.url}) to reach this account. */
    public String cloudinaryUrl() {
        return "cloudinary://" + apiKey + ":" + apiSecret + "@" + cloudName;
    }

    @Override
    public String toString() {
        // the secret stays out of logs and assertion messages
        return "EmulatorAccount[cloudName=" + cloudName + ", apiKey=" + apiKey + ", apiSecret=***]";
    }
}
