package io.quarkiverse.cloudinary.storage.client;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

/**
 * The Cloudinary SDK's configuration keys as the Cloudinary URL's query gives them, while this extension's properties
 * are applied over them. Values stay strings, so that the SDK parses them by its own rules (a boolean is true only when
 * it is exactly {@code "true"}), and nested keys such as {@code auth_token[key]} become nested maps, as the SDK's own
 * URL parser makes them.
 */
final class SdkConfiguration {

    private static final Logger LOG = Logger.getLogger(SdkConfiguration.class);
    private static final Pattern NESTED = Pattern.compile("(\\w+)\\[(\\w+)\\]");
    /** What {@code com.cloudinary.Configuration.update} reads, in cloudinary-core 1.39.0. */
    private static final Set<String> SDK_KEYS = Set.of("secure_distribution", "cname", "secure", "private_cdn",
            "cdn_subdomain", "shorten", "upload_prefix", "callback", "proxy_host", "proxy_port", "secure_cdn_subdomain",
            "use_root_path", "use_fetch_format", "load_strategies", "timeout", "client_hints", "analytics", "auth_token",
            "force_version", "properties", "long_url_signature", "signature_algorithm", "oauth_token");

    private final Map<String, Object> values = new LinkedHashMap<>();

    private SdkConfiguration() {
    }

    static SdkConfiguration of(Map<String, String> urlParameters) {
        SdkConfiguration configuration = new SdkConfiguration();
        Set<String> unknown = new TreeSet<>();
        urlParameters.forEach((key, value) -> {
            Matcher nested = NESTED.matcher(key);
            String name = nested.matches() ? nested.group(1) : key;
            if (!SDK_KEYS.contains(name)) {
                unknown.add(key);
            }
            if (nested.matches()) {
                configuration.nested(name).put(nested.group(2), value);
            } else {
                configuration.values.put(key, value);
            }
        });
        if (!unknown.isEmpty()) {
            // names only: values may be secrets
            LOG.warnf("The Cloudinary URL carries query parameters that the Cloudinary SDK does not read, ignored: %s",
                    unknown);
        }
        return configuration;
    }

    /** A value the URL gave as text. */
    Optional<String> string(String key) {
        return values.get(key) instanceof String text && !text.isBlank() ? Optional.of(text.trim()) : Optional.empty();
    }

    void put(String key, Object value) {
        values.put(key, value);
    }

    void putIfAbsent(String key, Object value) {
        values.putIfAbsent(key, value);
    }

    void remove(String key) {
        values.remove(key);
    }

    Map<String, Object> asMap() {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> copy.put(key, value instanceof Map<?, ?> map ? Map.copyOf(map) : value));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> nested(String key) {
        return (Map<String, Object>) values.compute(key, (k, existing) -> existing instanceof Map ? existing
                : new HashMap<String, Object>());
    }
}
