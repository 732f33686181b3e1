package io.quarkiverse.cloudinary.storage.client;

/**
 * The three values that identify and authenticate an account. {@link #toString()} never shows the secret.
 */
public record CloudinaryCredentials(String cloudName, String apiKey, String apiSecret) {

    @Override
    public String toString() {
        return "CloudinaryCredentials[cloudName=" + cloudName + ", apiKey=" + apiKey + ", apiSecret=***]";
    }
}
