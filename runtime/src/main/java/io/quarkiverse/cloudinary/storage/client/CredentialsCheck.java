package io.quarkiverse.cloudinary.storage.client;

import java.security.SecureRandom;
import java.util.HexFormat;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.cloudinary.storage.CloudinaryException;
import io.quarkiverse.cloudinary.storage.CloudinaryUnauthorizedException;
import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Asks Cloudinary, once at start, whether it accepts the credentials, so that wrong ones stop the application instead
 * of failing its first upload.
 * <p>
 * The question is an Upload API {@code explicit} of a public id that does not exist: a signed call, so Cloudinary
 * checks the cloud name, the key and the signature (made with the secret) before anything else and answers 401 when one
 * is wrong; with right credentials it answers 404, having found nothing to act on. It changes nothing, and the Upload
 * API does not count against the Admin API's hourly limit.
 */
@Singleton
public class CredentialsCheck {

    private static final Logger LOG = Logger.getLogger(CredentialsCheck.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String PROBE_PREFIX = "quarkus-storage-credentials-check-";

    private final CloudinaryOperations operations;
    private final CloudinaryRuntimeConfig config;

    public CredentialsCheck(CloudinaryOperations operations, CloudinaryRuntimeConfig config) {
        this.operations = operations;
        this.config = config;
    }

    /** Whether the check runs at start: as configured, else in prod mode only. */
    public boolean enabled() {
        return config.checkCredentials().orElse(LaunchMode.current() == LaunchMode.NORMAL);
    }

    /**
     * @throws ConfigurationException with one line naming the cloud and the key, never the secret, when Cloudinary
     *         refuses the credentials
     */
    public void verify() {
        CloudinaryCredentials credentials = operations.settings().credentials();
        String probe = PROBE_PREFIX + randomHex();
        try {
            operations.upload("check of the credentials", (uploader, options) -> {
                options.put("resource_type", "raw");
                options.put("type", "upload");
                return uploader.explicit(probe, options);
            });
            LOG.debugf("Cloudinary accepted the credentials of cloud '%s'", credentials.cloudName());
        } catch (CloudinaryUnauthorizedException e) {
            throw new ConfigurationException("Cloudinary refused the credentials of cloud '" + credentials.cloudName()
                    + "' with API key '" + credentials.apiKey() + "': " + reason(e) + " (HTTP " + e.status()
                    + "). Check quarkus.cloudinary.url, quarkus.cloudinary.cloud-name, api-key and api-secret, and the"
                    + " CLOUDINARY_* environment variables; quarkus.cloudinary.check-credentials=false skips this check.");
        } catch (CloudinaryException e) {
            if (e.status() >= 400 && e.status() < 500) {
                // signed and authenticated: Cloudinary found nothing to act on, as it should
                LOG.debugf("Cloudinary accepted the credentials of cloud '%s' (HTTP %d)", credentials.cloudName(),
                        e.status());
                return;
            }
            LOG.warnf("Could not check the Cloudinary credentials of cloud '%s' with API key '%s' at start (%s); the"
                    + " application starts, and its calls fail if the credentials are wrong", credentials.cloudName(),
                    credentials.apiKey(), e.status() > 0 ? "HTTP " + e.status() : e.cloudinaryMessage());
        }
    }

    private static String randomHex() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * What is wrong, in words of this extension: Cloudinary's own message quotes the signature and the string it
     * signed.
     */
    private static String reason(CloudinaryUnauthorizedException e) {
        String message = e.cloudinaryMessage() == null ? "" : e.cloudinaryMessage();
        if (message.startsWith("Invalid Signature")) {
            return "the API secret does not match the API key";
        }
        if (message.startsWith("Unknown API key")) {
            return "the API key is unknown";
        }
        if (message.startsWith("Invalid cloud_name")) {
            return "the cloud name is unknown";
        }
        if (message.startsWith("Stale request")) {
            return "the request's time is more than an hour off Cloudinary's: check this machine's clock";
        }
        return e.status() == 403 ? "the account does not allow this key to upload" : "access denied";
    }
}
