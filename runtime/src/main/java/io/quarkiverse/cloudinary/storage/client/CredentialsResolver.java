package io.quarkiverse.cloudinary.storage.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Finds the account's cloud name, API key and secret. For each of the three, the most specific source that has it wins:
 * the property ({@code quarkus.cloudinary.cloud-name}), then {@code quarkus.cloudinary.url}, then the environment
 * variable ({@code CLOUDINARY_CLOUD_NAME}), then {@code CLOUDINARY_URL}. So explicit properties beat the environment
 * key by key, and a single variable beats a whole URL within the same kind of source.
 */
public final class CredentialsResolver {

    public static final String URL_PROPERTY = "quarkus.cloudinary.url";
    public static final String URL_VARIABLE = "CLOUDINARY_URL";

    private CredentialsResolver() {
    }

    /** The resolved account plus the SDK keys found in the query strings of the URLs. */
    public record Resolved(CloudinaryCredentials credentials, Map<String, String> sdkParameters) {
    }

    /**
     * @param environment looks up an environment variable; in the application this is the config system, which reads
     *        real environment variables and system properties
     * @throws ConfigurationException naming the properties and variables to set
     */
    public static Resolved resolve(CloudinaryRuntimeConfig config, Function<String, Optional<String>> environment) {
        Optional<CloudinaryUrl> propertyUrl = config.url().filter(s -> !s.isBlank()).map(u -> parse(u, URL_PROPERTY));
        Optional<CloudinaryUrl> variableUrl = environment.apply(URL_VARIABLE).filter(s -> !s.isBlank())
                .map(u -> parse(u, "the environment variable " + URL_VARIABLE));

        Optional<String> cloudName = first(config.cloudName(), propertyUrl.map(CloudinaryUrl::cloudName),
                environment.apply(Key.CLOUD_NAME.variable), variableUrl.map(CloudinaryUrl::cloudName));
        Optional<String> apiKey = first(config.apiKey(), propertyUrl.map(CloudinaryUrl::apiKey),
                environment.apply(Key.API_KEY.variable), variableUrl.map(CloudinaryUrl::apiKey));
        Optional<String> apiSecret = first(config.apiSecret(), propertyUrl.map(CloudinaryUrl::apiSecret),
                environment.apply(Key.API_SECRET.variable), variableUrl.map(CloudinaryUrl::apiSecret));

        if (cloudName.isEmpty() && apiKey.isEmpty() && apiSecret.isEmpty()) {
            throw new ConfigurationException("No Cloudinary credentials are configured. Set " + URL_PROPERTY
                    + "=cloudinary://API_KEY:API_SECRET@CLOUD_NAME (or " + Key.CLOUD_NAME.property + ", "
                    + Key.API_KEY.property + " and " + Key.API_SECRET.property + "), or the environment variable "
                    + URL_VARIABLE + " (or " + Key.CLOUD_NAME.variable + ", " + Key.API_KEY.variable + " and "
                    + Key.API_SECRET.variable + "). In dev and test mode, leaving them all unset starts the"
                    + " Cloudinary emulator Dev Service instead.");
        }
        require(cloudName, Key.CLOUD_NAME);
        require(apiKey, Key.API_KEY);
        require(apiSecret, Key.API_SECRET);
        if (!cloudName.get().chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
            throw new ConfigurationException("The Cloudinary cloud name '" + cloudName.get() + "' is not valid: cloud"
                    + " names are letters, digits, '-' and '_'. Check " + Key.CLOUD_NAME.property + " or "
                    + Key.CLOUD_NAME.variable + ".");
        }

        Map<String, String> sdkParameters = new LinkedHashMap<>();
        variableUrl.ifPresent(u -> sdkParameters.putAll(u.parameters()));
        propertyUrl.ifPresent(u -> sdkParameters.putAll(u.parameters()));
        return new Resolved(new CloudinaryCredentials(cloudName.get().trim(), apiKey.get().trim(), apiSecret.get().trim()),
                sdkParameters);
    }

    /** Whether any source names at least one of the three values: then the Dev Service stays off. */
    public static boolean anyConfigured(Function<String, Optional<String>> lookup) {
        return !configuredSources(lookup).isEmpty();
    }

    /** The properties and environment variables that name credentials, by name only: never their values. */
    public static java.util.List<String> configuredSources(Function<String, Optional<String>> lookup) {
        java.util.List<String> found = new java.util.ArrayList<>();
        for (String name : new String[] { URL_PROPERTY, Key.CLOUD_NAME.property, Key.API_KEY.property,
                Key.API_SECRET.property, URL_VARIABLE, Key.CLOUD_NAME.variable, Key.API_KEY.variable,
                Key.API_SECRET.variable }) {
            if (lookup.apply(name).filter(s -> !s.isBlank()).isPresent()) {
                found.add(name);
            }
        }
        return found;
    }

    private static CloudinaryUrl parse(String url, String source) {
        try {
            return CloudinaryUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(source + " is not a valid Cloudinary URL: " + e.getMessage());
        }
    }

    @SafeVarargs
    private static Optional<String> first(Optional<String>... candidates) {
        for (Optional<String> candidate : candidates) {
            if (candidate.isPresent() && !candidate.get().isBlank()) {
                return candidate;
            }
        }
        return Optional.empty();
    }

    private static void require(Optional<String> value, Key key) {
        if (value.isEmpty()) {
            throw new ConfigurationException("The Cloudinary " + key.description + " is not configured. Set "
                    + key.property + " (or include it in " + URL_PROPERTY + "), or the environment variable "
                    + key.variable + " (or " + URL_VARIABLE + ").");
        }
    }

    private enum Key {
        CLOUD_NAME("cloud name", "quarkus.cloudinary.cloud-name", "CLOUDINARY_CLOUD_NAME"),
        API_KEY("API key", "quarkus.cloudinary.api-key", "CLOUDINARY_API_KEY"),
        API_SECRET("API secret", "quarkus.cloudinary.api-secret", "CLOUDINARY_API_SECRET");

        final String description;
        final String property;
        final String variable;

        Key(String description, String property, String variable) {
            this.description = description;
            this.property = property;
            this.variable = variable;
        }
    }
}
