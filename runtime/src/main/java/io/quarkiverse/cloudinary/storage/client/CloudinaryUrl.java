package io.quarkiverse.cloudinary.storage.client;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed {@code cloudinary://API_KEY:API_SECRET@CLOUD_NAME[?key=value&...]} URL.
 * <p>
 * Parsed by hand rather than with {@link java.net.URI}: the JDK's parse errors quote the whole input, secret included,
 * and every message here must be safe to log.
 *
 * @param parameters SDK configuration keys from the query string, in order
 */
public record CloudinaryUrl(String cloudName, String apiKey, String apiSecret, Map<String, String> parameters) {

    static final String SCHEME = "cloudinary://";
    static final String EXPECTED_FORM = "expected cloudinary://API_KEY:API_SECRET@CLOUD_NAME";

    public CloudinaryUrl {
        parameters = Map.copyOf(parameters);
    }

    /**
     * @throws IllegalArgumentException with a message that says what is wrong without quoting the secret
     */
    public static CloudinaryUrl parse(String url) {
        String trimmed = url.trim();
        if (!trimmed.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            int colon = trimmed.indexOf(':');
            String scheme = colon > 0 && colon < 20 ? "'" + trimmed.substring(0, colon) + "'" : "missing";
            throw new IllegalArgumentException("the scheme is " + scheme + ", " + EXPECTED_FORM);
        }
        String rest = trimmed.substring(SCHEME.length());
        int queryStart = rest.indexOf('?');
        String head = queryStart < 0 ? rest : rest.substring(0, queryStart);
        int at = head.lastIndexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("there is no '@' between the credentials and the cloud name, " + EXPECTED_FORM);
        }
        String userInfo = head.substring(0, at);
        String cloudPart = head.substring(at + 1);
        int colon = userInfo.indexOf(':');
        String apiKey = colon < 0 ? userInfo : userInfo.substring(0, colon);
        String apiSecret = colon < 0 ? "" : userInfo.substring(colon + 1);
        if (apiKey.isBlank()) {
            throw new IllegalArgumentException("the API key is empty, " + EXPECTED_FORM);
        }
        if (apiSecret.isBlank()) {
            throw new IllegalArgumentException("the API secret is empty (no ':' after the API key), " + EXPECTED_FORM);
        }
        String cloudName = cloudPart.endsWith("/") ? cloudPart.substring(0, cloudPart.length() - 1) : cloudPart;
        if (cloudName.isBlank()) {
            throw new IllegalArgumentException("the cloud name is empty, " + EXPECTED_FORM);
        }
        if (cloudName.contains("/")) {
            throw new IllegalArgumentException("the cloud name '" + cloudName.substring(0, cloudName.indexOf('/'))
                    + "' is followed by a path; private CDN distributions are configured with"
                    + " quarkus.cloudinary.delivery-base-url instead");
        }
        Optional<String> invalidCharacter = cloudName.chars()
                .filter(c -> !(Character.isLetterOrDigit(c) || c == '-' || c == '_'))
                .mapToObj(c -> "'" + (char) c + "'")
                .findFirst();
        if (invalidCharacter.isPresent()) {
            throw new IllegalArgumentException("the cloud name contains " + invalidCharacter.get()
                    + "; cloud names are letters, digits, '-' and '_'");
        }
        return new CloudinaryUrl(cloudName, apiKey, apiSecret,
                queryStart < 0 ? Map.of() : parseQuery(rest.substring(queryStart + 1)));
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("the query parameter '" + (equals == 0 ? pair.substring(1) : pair)
                        + "' has no key=value form");
            }
            parameters.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
        }
        return parameters;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "CloudinaryUrl[cloudinary://" + apiKey + ":***@" + cloudName + ", parameters=" + parameters.keySet() + "]";
    }
}
