package io.quarkiverse.cloudinary.storage.client;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parsed {@code cloudinary://API_KEY:API_SECRET@CLOUD_NAME[/SECURE_DISTRIBUTION][?key=value&...]} URL, read as the
 * Cloudinary SDK reads it: a path after the cloud name is a private CDN distribution ({@code private_cdn=true},
 * {@code secure_distribution=<path>}), and the query holds SDK configuration keys, which win over what the rest of the
 * URL says, credentials included.
 * <p>
 * Parsed by hand rather than with {@link java.net.URI}: the JDK's parse errors quote the whole input, secret included,
 * and every message here must be safe to log. Messages never quote the query either: a bare token there may well be a
 * secret.
 *
 * @param parameters SDK configuration keys, in order; nested keys stay flat ({@code auth_token[key]})
 */
public record CloudinaryUrl(String cloudName, String apiKey, String apiSecret, Map<String, String> parameters) {

    static final String SCHEME = "cloudinary://";
    static final String EXPECTED_FORM = "expected cloudinary://API_KEY:API_SECRET@CLOUD_NAME";
    private static final Pattern SCHEME_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]{0,19}");

    public CloudinaryUrl {
        parameters = Map.copyOf(parameters);
    }

    /**
     * @throws IllegalArgumentException with a message that says what is wrong without quoting the secret or the query
     */
    public static CloudinaryUrl parse(String url) {
        String trimmed = url.trim();
        if (!trimmed.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            int colon = trimmed.indexOf(':');
            String scheme = colon > 0 && SCHEME_NAME.matcher(trimmed.substring(0, colon)).matches()
                    ? "'" + trimmed.substring(0, colon) + "'"
                    : "missing";
            throw new IllegalArgumentException("the scheme is " + scheme + ", " + EXPECTED_FORM);
        }
        String rest = trimmed.substring(SCHEME.length());
        int queryStart = rest.indexOf('?');
        String head = queryStart < 0 ? rest : rest.substring(0, queryStart);
        Map<String, String> parameters = new LinkedHashMap<>();
        int at = head.lastIndexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("there is no '@' between the credentials and the cloud name, " + EXPECTED_FORM);
        }
        String userInfo = head.substring(0, at);
        String hostAndPath = head.substring(at + 1);
        int slash = hostAndPath.indexOf('/');
        String cloudName = slash < 0 ? hostAndPath : hostAndPath.substring(0, slash);
        String distribution = slash < 0 ? "" : hostAndPath.substring(slash + 1);
        while (distribution.endsWith("/")) {
            distribution = distribution.substring(0, distribution.length() - 1);
        }
        if (!distribution.isEmpty()) {
            parameters.put("private_cdn", "true");
            parameters.put("secure_distribution", distribution);
        }
        if (queryStart >= 0) {
            parameters.putAll(parseQuery(rest.substring(queryStart + 1)));
        }
        int colon = userInfo.indexOf(':');
        String apiKey = Optional.ofNullable(parameters.remove("api_key"))
                .orElse(colon < 0 ? userInfo : userInfo.substring(0, colon));
        String apiSecret = Optional.ofNullable(parameters.remove("api_secret"))
                .orElse(colon < 0 ? "" : userInfo.substring(colon + 1));
        cloudName = Optional.ofNullable(parameters.remove("cloud_name")).orElse(cloudName);
        if (apiKey.isBlank()) {
            throw new IllegalArgumentException("the API key is empty, " + EXPECTED_FORM);
        }
        if (apiSecret.isBlank()) {
            throw new IllegalArgumentException("the API secret is empty (no ':' after the API key), " + EXPECTED_FORM);
        }
        if (cloudName.isBlank()) {
            throw new IllegalArgumentException("the cloud name is empty, " + EXPECTED_FORM);
        }
        Optional<String> invalidCharacter = cloudName.chars()
                .filter(c -> !(Character.isLetterOrDigit(c) || c == '-' || c == '_'))
                .mapToObj(c -> "'" + (char) c + "'")
                .findFirst();
        if (invalidCharacter.isPresent()) {
            throw new IllegalArgumentException("the cloud name contains " + invalidCharacter.get()
                    + "; cloud names are letters, digits, '-' and '_'");
        }
        return new CloudinaryUrl(cloudName, apiKey, apiSecret, parameters);
    }

    /** Pairs are counted from 1 in messages, which name neither keys nor values. */
    private static Map<String, String> parseQuery(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String[] pairs = query.split("&");
        for (int i = 0; i < pairs.length; i++) {
            String pair = pairs[i];
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("query parameter number " + (i + 1) + " of " + pairs.length
                        + " has no key=value form");
            }
            String key = decode(pair.substring(0, equals), i + 1, pairs.length);
            String value = decode(pair.substring(equals + 1), i + 1, pairs.length);
            // an empty value sets nothing, as an absent key
            if (!value.isEmpty()) {
                parameters.put(key, value);
            }
        }
        return parameters;
    }

    private static String decode(String value, int number, int count) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // the JDK's message quotes the text
            throw new IllegalArgumentException("query parameter number " + number + " of " + count
                    + " holds a malformed %-escape");
        }
    }

    @Override
    public String toString() {
        return "CloudinaryUrl[cloudinary://" + apiKey + ":***@" + cloudName + ", parameters=" + parameters.keySet() + "]";
    }
}
