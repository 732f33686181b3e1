package io.quarkiverse.cloudinary.storage.emulator.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Request signatures as Cloudinary checks them: every parameter but a few, sorted, {@code name=value} joined with
 * {@code &}, the secret appended, hashed with SHA-1 or SHA-256.
 */
public final class Signatures {

    private static final Set<String> UNSIGNED = Set.of("file", "cloud_name", "resource_type", "api_key", "signature");

    private Signatures() {
    }

    /** The string Cloudinary signs for these parameters; repeated {@code key[]} values are joined with commas. */
    public static String stringToSign(Map<String, List<String>> parameters) {
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey().endsWith("[]")
                    ? parameter.getKey().substring(0, parameter.getKey().length() - 2)
                    : parameter.getKey();
            if (UNSIGNED.contains(name)) {
                continue;
            }
            String value = String.join(",", parameter.getValue().stream().filter(v -> !v.isBlank()).toList());
            if (!value.isEmpty()) {
                sorted.merge(name, value, (a, b) -> a + "," + b);
            }
        }
        StringBuilder toSign = new StringBuilder();
        sorted.forEach((name, value) -> {
            if (toSign.length() > 0) {
                toSign.append('&');
            }
            toSign.append(name).append('=').append(value);
        });
        return toSign.toString();
    }

    /**
     * Whether {@code signature} signs these parameters with {@code secret}, with either algorithm, and also in the
     * form newer SDKs sign ({@code &} inside values escaped as {@code %26}).
     */
    public static boolean valid(String signature, String stringToSign, String secret) {
        if (signature == null) {
            return false;
        }
        String candidate = signature.toLowerCase(java.util.Locale.ROOT);
        if (matches(candidate, stringToSign, secret)) {
            return true;
        }
        String escaped = escapeAmpersandsInValues(stringToSign);
        return !escaped.equals(stringToSign) && matches(candidate, escaped, secret);
    }

    /** The {@code signature} field of upload responses. */
    public static String responseSignature(String publicId, long version, String secret) {
        return hex("SHA-1", "public_id=" + publicId + "&version=" + version + secret);
    }

    private static boolean matches(String signature, String stringToSign, String secret) {
        String algorithm = signature.length() == 64 ? "SHA-256" : "SHA-1";
        byte[] expected = hex(algorithm, stringToSign + secret).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    private static String escapeAmpersandsInValues(String stringToSign) {
        // a '&' is a separator only when a "name=" follows it; anything else belongs to a value
        StringBuilder out = new StringBuilder();
        String[] pieces = stringToSign.split("&", -1);
        for (int i = 0; i < pieces.length; i++) {
            if (i > 0) {
                out.append(pieces[i].matches("[a-z_\\[\\]]+=.*") ? "&" : "%26");
            }
            out.append(pieces[i]);
        }
        return out.toString();
    }

    static String hex(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
