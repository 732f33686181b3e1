package io.quarkiverse.cloudinary.storage.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;
import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig.SignatureAlgorithm;
import io.quarkiverse.cloudinary.storage.media.MediaName;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Everything the client needs, resolved and checked once from the configuration and the environment.
 *
 * @param sdkConfiguration the SDK configuration keys besides the credentials and the connection pool: the Cloudinary
 *        URL's parameters with this extension's properties applied over them
 * @param apiBaseUrl base of the Upload and Admin APIs without trailing slash, when not Cloudinary's own
 * @param deliveryBaseUrl scheme, host, port and optional path of delivery URLs, when not Cloudinary's shared host
 * @param secureDelivery whether delivery URLs use https
 * @param deadline the longest one call may take, its retries included
 */
public record CloudinarySettings(
        CloudinaryCredentials credentials,
        Map<String, Object> sdkConfiguration,
        Optional<URI> apiBaseUrl,
        Optional<URI> deliveryBaseUrl,
        boolean secureDelivery,
        SignatureAlgorithm signatureAlgorithm,
        Duration connectTimeout,
        Duration readTimeout,
        Duration poolTimeout,
        Duration deadline,
        int maxConnections,
        RetryPolicy retryPolicy) {

    public CloudinarySettings {
        sdkConfiguration = Map.copyOf(sdkConfiguration);
    }

    public static CloudinarySettings from(CloudinaryRuntimeConfig config, Function<String, Optional<String>> environment) {
        CredentialsResolver.Resolved resolved = CredentialsResolver.resolve(config, environment);
        SdkConfiguration sdk = SdkConfiguration.of(resolved.sdkParameters());
        CloudinaryRuntimeConfig.Http http = config.http();

        Optional<URI> apiBaseUrl = config.apiBaseUrl().map(u -> httpUrl(u, "quarkus.cloudinary.api-base-url"))
                .or(() -> sdk.string("upload_prefix").map(u -> httpUrl(u, "the upload_prefix of the Cloudinary URL")));
        apiBaseUrl.ifPresentOrElse(u -> sdk.put("upload_prefix", u.toString()), () -> sdk.remove("upload_prefix"));

        SignatureAlgorithm algorithm = config.signatureAlgorithm()
                .or(() -> sdk.string("signature_algorithm").map(CloudinarySettings::signatureAlgorithm))
                .orElse(SignatureAlgorithm.SHA1);
        sdk.put("signature_algorithm", algorithm.name());

        Optional<URI> deliveryBaseUrl = config.deliveryBaseUrl()
                .map(u -> httpUrl(u, "quarkus.cloudinary.delivery-base-url"));
        boolean secure;
        if (deliveryBaseUrl.isPresent()) {
            URI base = deliveryBaseUrl.get();
            secure = "https".equals(base.getScheme());
            sdk.remove("cname");
            sdk.remove("secure_distribution");
            sdk.put(secure ? "secure_distribution" : "cname", hostAndPath(base));
            sdk.put("private_cdn", false);
            sdk.put("cdn_subdomain", false);
            sdk.put("secure_cdn_subdomain", false);
        } else {
            // the SDK's own default is plain http; this extension's is https, unless the URL asks for a cname only
            secure = config.secure().orElseGet(() -> sdk.string("secure").map("true"::equals)
                    .orElse(sdk.string("cname").isEmpty() || sdk.string("secure_distribution").isPresent()));
            deliveryBaseUrl = (secure ? sdk.string("secure_distribution") : sdk.string("cname"))
                    .map(host -> URI.create((secure ? "https://" : "http://") + host));
        }
        sdk.put("secure", secure);

        Optional<Duration> urlTimeout = sdk.string("timeout").map(CloudinarySettings::seconds);
        // the pool applies the timeouts to every call, also raw SDK calls: the SDK's own Admin-only key would override
        // them there
        sdk.remove("timeout");
        Duration connectTimeout = http.connectTimeout().or(() -> urlTimeout).orElse(Duration.ofSeconds(10));
        Duration readTimeout = http.readTimeout().or(() -> urlTimeout).orElse(Duration.ofSeconds(60));
        requirePositive(connectTimeout, "quarkus.cloudinary.http.connect-timeout");
        requirePositive(readTimeout, "quarkus.cloudinary.http.read-timeout");
        requirePositive(http.poolTimeout(), "quarkus.cloudinary.http.pool-timeout");
        requirePositive(http.deadline(), "quarkus.cloudinary.http.deadline");
        if (http.maxConnections() < 1) {
            throw new ConfigurationException("quarkus.cloudinary.http.max-connections must be at least 1, got "
                    + http.maxConnections());
        }
        // clean, stable delivery URLs: no tracking query string, unless the URL asks for it
        sdk.putIfAbsent("analytics", false);
        return new CloudinarySettings(resolved.credentials(), sdk.asMap(), apiBaseUrl, deliveryBaseUrl, secure,
                algorithm, connectTimeout, readTimeout, http.poolTimeout(), http.deadline(), http.maxConnections(),
                RetryPolicy.from(config.retry()));
    }

    /** The same settings for another account, for tools and tests that need a second client. */
    public CloudinarySettings withCredentials(CloudinaryCredentials other) {
        return new CloudinarySettings(other, sdkConfiguration, apiBaseUrl, deliveryBaseUrl, secureDelivery,
                signatureAlgorithm, connectTimeout, readTimeout, poolTimeout, deadline, maxConnections, retryPolicy);
    }

    /** The HTTP proxy the SDK's {@code proxy_host} and {@code proxy_port} name, for calls this extension makes itself. */
    public Optional<org.apache.http.HttpHost> proxy() {
        Object host = sdkConfiguration.get("proxy_host");
        Object port = sdkConfiguration.get("proxy_port");
        if (host == null || port == null) {
            return Optional.empty();
        }
        try {
            int number = Integer.parseInt(port.toString().trim());
            return number == 0 ? Optional.empty() : Optional.of(new org.apache.http.HttpHost(host.toString(), number));
        } catch (NumberFormatException e) {
            throw new ConfigurationException("The proxy_port of the Cloudinary URL is not a number");
        }
    }

    /** Never shows the secret, nor values of SDK keys, some of which (tokens) are secrets too. */
    @Override
    public String toString() {
        return "CloudinarySettings[credentials=" + credentials + ", sdkKeys=" + new java.util.TreeSet<>(
                sdkConfiguration.keySet()) + ", apiBaseUrl=" + apiBaseUrl.map(URI::toString).orElse("Cloudinary")
                + ", deliveryBaseUrl=" + deliveryBaseUrl.map(URI::toString).orElse("Cloudinary") + ", secureDelivery="
                + secureDelivery + ", signatureAlgorithm=" + signatureAlgorithm + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", poolTimeout=" + poolTimeout + ", deadline=" + deadline
                + ", maxConnections=" + maxConnections + ", retryPolicy=" + retryPolicy + "]";
    }

    private static SignatureAlgorithm signatureAlgorithm(String value) {
        try {
            return SignatureAlgorithm.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("The signature_algorithm of the Cloudinary URL must be SHA1 or SHA256");
        }
    }

    private static Duration seconds(String value) {
        try {
            return Duration.ofSeconds(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            throw new ConfigurationException("The timeout of the Cloudinary URL must be a whole number of seconds");
        }
    }

    private static String hostAndPath(URI uri) {
        String port = uri.getPort() >= 0 ? ":" + uri.getPort() : "";
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getHost() + port + path;
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
            throw new ConfigurationException(property + " must be an http:// or https:// URL");
        }
        if (uri.getHost() == null) {
            throw new ConfigurationException(property + " has no host");
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
