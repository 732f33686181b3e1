package io.quarkiverse.cloudinary.storage.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;
import io.quarkiverse.cloudinary.storage.media.MediaName;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Everything the client needs, resolved and checked once from the configuration and the environment.
 *
 * @param apiBaseUrl base of the Upload and Admin APIs without trailing slash, when not Cloudinary's own
 * @param deliveryBaseUrl scheme, host, port and optional path of delivery URLs, when not Cloudinary's own
 * @param sdkParameters extra SDK configuration keys from the query string of the Cloudinary URL
 */
public record CloudinarySettings(
        CloudinaryCredentials credentials,
        boolean secure,
        Optional<URI> apiBaseUrl,
        Optional<URI> deliveryBaseUrl,
        CloudinaryRuntimeConfig.SignatureAlgorithm signatureAlgorithm,
        Duration connectTimeout,
        Duration readTimeout,
        Duration poolTimeout,
        int maxConnections,
        RetryPolicy retryPolicy,
        Map<String, String> sdkParameters) {

    public static CloudinarySettings from(CloudinaryRuntimeConfig config, Function<String, Optional<String>> environment) {
        CredentialsResolver.Resolved resolved = CredentialsResolver.resolve(config, environment);
        CloudinaryRuntimeConfig.Http http = config.http();
        requirePositive(http.connectTimeout(), "quarkus.cloudinary.http.connect-timeout");
        requirePositive(http.readTimeout(), "quarkus.cloudinary.http.read-timeout");
        requirePositive(http.poolTimeout(), "quarkus.cloudinary.http.pool-timeout");
        if (http.maxConnections() < 1) {
            throw new ConfigurationException("quarkus.cloudinary.http.max-connections must be at least 1, got "
                    + http.maxConnections());
        }
        return new CloudinarySettings(
                resolved.credentials(),
                config.secure(),
                config.apiBaseUrl().map(u -> httpUrl(u, "quarkus.cloudinary.api-base-url")),
                config.deliveryBaseUrl().map(u -> httpUrl(u, "quarkus.cloudinary.delivery-base-url")),
                config.signatureAlgorithm(),
                http.connectTimeout(),
                http.readTimeout(),
                http.poolTimeout(),
                http.maxConnections(),
                RetryPolicy.from(config.retry()),
                resolved.sdkParameters());
    }

    /** Whether delivery URLs use https: the delivery base URL's scheme decides, else {@code secure}. */
    public boolean secureDelivery() {
        return deliveryBaseUrl.map(u -> "https".equals(u.getScheme())).orElse(secure);
    }

    private static URI httpUrl(String value, String property) {
        String trimmed = MediaName.trimSlashes(value);
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new ConfigurationException(property + " is not a valid URL: " + e.getReason());
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new ConfigurationException(property + " must be an http:// or https:// URL, got '" + trimmed + "'");
        }
        if (uri.getHost() == null) {
            throw new ConfigurationException(property + " has no host: '" + trimmed + "'");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new ConfigurationException(property + " must be a plain base URL, without user, query or fragment");
        }
        return uri;
    }

    private static void requirePositive(Duration duration, String property) {
        if (duration.isNegative() || duration.isZero()) {
            throw new ConfigurationException(property + " must be positive: calls without a timeout can hang forever");
        }
    }
}
