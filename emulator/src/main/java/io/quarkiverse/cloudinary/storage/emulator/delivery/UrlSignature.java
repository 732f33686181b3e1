package io.quarkiverse.cloudinary.storage.emulator.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Checks the {@code s--XXXXXXXX--} component of a delivery URL: URL-safe Base64 of SHA-1 (or SHA-256, for accounts
 * configured that way and for the 32-character long form) over the signed string followed by the API secret.
 */
final class UrlSignature {

    private UrlSignature() {
    }

    static String compute(String toSign, String secret, String algorithm, int length) {
        try {
            byte[] hash = MessageDigest.getInstance(algorithm).digest((toSign + secret).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().encodeToString(hash).substring(0, length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean verify(String signature, String toSign, String secret) {
        if (signature == null) {
            return false;
        }
        String signed = toSign.replaceAll("/{2,}", "/").replaceFirst("^/+", "");
        if (signature.length() == 8) {
            return same(signature, compute(signed, secret, "SHA-1", 8))
                    || same(signature, compute(signed, secret, "SHA-256", 8));
        }
        return signature.length() == 32 && same(signature, compute(signed, secret, "SHA-256", 32));
    }

    private static boolean same(String a, String b) {
        // constant time, so a probe cannot learn the signature byte by byte
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
