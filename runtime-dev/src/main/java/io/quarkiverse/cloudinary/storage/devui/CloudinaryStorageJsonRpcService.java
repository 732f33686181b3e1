package io.quarkiverse.cloudinary.storage.devui;

import java.net.URI;
import java.util.List;

import jakarta.inject.Inject;

import io.quarkiverse.cloudinary.storage.client.CloudinarySettings;
import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFileRegistry;

/**
 * The server side of the Dev UI card "Cloudinary Storage". Every public method is a JSON-RPC method the card's pages
 * call. It exists in dev mode only: it ships in the dev-only artifact of the extension.
 */
public class CloudinaryStorageJsonRpcService {

    private static final String CLOUDINARY_API = "https://api.cloudinary.com";
    private static final String CLOUDINARY_DELIVERY = "res.cloudinary.com";

    @Inject
    CloudinarySettings settings;

    @Inject
    CloudinaryRuntimeConfig config;

    @Inject
    CloudinaryFileRegistry registry;

    /** The account and client settings in effect, without the API key or secret. */
    public Overview getOverview() {
        CloudinaryRuntimeConfig.Media media = config.media();
        return new Overview(
                settings.credentials().cloudName(),
                settings.apiBaseUrl().map(URI::toString).orElse(CLOUDINARY_API),
                settings.deliveryBaseUrl().map(URI::toString)
                        .orElse((settings.secureDelivery() ? "https://" : "http://") + CLOUDINARY_DELIVERY),
                settings.secureDelivery(),
                settings.signatureAlgorithm().name().toLowerCase(java.util.Locale.ROOT),
                media.tag(),
                media.prefix().orElse(""),
                media.deliveryType().cloudinaryName(),
                config.staticResources().tag(),
                DurationText.of(settings.connectTimeout()),
                DurationText.of(settings.readTimeout()),
                DurationText.of(settings.poolTimeout()),
                settings.maxConnections(),
                settings.retryPolicy().maxRetries(),
                DurationText.of(settings.retryPolicy().maxRateLimitWait()));
    }

    /** Every {@code @CloudinaryFile} attribute the build found. */
    public List<MediaField> getMediaFields() {
        return registry.fields().stream().map(MediaField::of).toList();
    }

    /**
     * What the Overview page shows.
     *
     * @param apiBaseUrl where Upload and Admin API calls go: the emulator's URL when the Dev Service runs
     * @param deliveryBaseUrl the base of delivery URLs, before the cloud name
     */
    public record Overview(
            String cloudName,
            String apiBaseUrl,
            String deliveryBaseUrl,
            boolean secureDelivery,
            String signatureAlgorithm,
            String mediaTag,
            String mediaPrefix,
            String mediaDeliveryType,
            String staticTag,
            String connectTimeout,
            String readTimeout,
            String poolTimeout,
            int maxConnections,
            int maxRetries,
            String maxRateLimitWait) {
    }
}
