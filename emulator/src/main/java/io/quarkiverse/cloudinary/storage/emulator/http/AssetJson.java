package io.quarkiverse.cloudinary.storage.emulator.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkiverse.cloudinary.storage.emulator.EmulatorAccount;
import io.quarkiverse.cloudinary.storage.emulator.model.Asset;
import io.quarkiverse.cloudinary.storage.emulator.model.Signatures;

/** The JSON shapes Cloudinary gives assets in its answers. */
public final class AssetJson {

    private final String baseUrl;

    public AssetJson(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * The answer to upload, explicit and rename.
     *
     * @param withContext whether to add the asset's context, if it has one: upload and explicit always do, rename
     *        only when asked
     */
    Map<String, Object> uploaded(Asset asset, EmulatorAccount account, boolean withContext) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("asset_id", asset.assetId());
        json.put("public_id", asset.publicId());
        json.put("version", asset.version());
        json.put("version_id", asset.versionId());
        json.put("signature", Signatures.responseSignature(asset.publicId(), asset.version(), account.apiSecret()));
        putSize(asset, json);
        if (asset.format() != null) {
            json.put("format", asset.format());
        }
        json.put("resource_type", asset.resourceType());
        json.put("created_at", createdAt(asset));
        json.put("tags", asset.tags());
        if (withContext) {
            putContext(asset, json);
        }
        if (asset.resourceType().equals("image")) {
            json.put("pages", 1);
        }
        json.put("bytes", asset.bytes());
        json.put("type", asset.type());
        json.put("etag", asset.etag());
        json.put("placeholder", false);
        json.put("url", url(asset));
        json.put("secure_url", url(asset));
        json.put("asset_folder", folder(asset));
        json.put("display_name", displayName(asset));
        if (asset.originalFilename() != null) {
            json.put("original_filename", asset.originalFilename());
        }
        json.put("api_key", account.apiKey());
        return json;
    }

    /** An entry of an Admin API listing; tags and context only when the listing asks for them. */
    Map<String, Object> listed(Asset asset, boolean withTags, boolean withContext) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("asset_id", asset.assetId());
        json.put("public_id", asset.publicId());
        if (asset.format() != null) {
            json.put("format", asset.format());
        }
        json.put("version", asset.version());
        json.put("resource_type", asset.resourceType());
        json.put("type", asset.type());
        json.put("created_at", createdAt(asset));
        json.put("bytes", asset.bytes());
        putSize(asset, json);
        json.put("asset_folder", folder(asset));
        json.put("display_name", displayName(asset));
        json.put("url", url(asset));
        json.put("secure_url", url(asset));
        if (withTags) {
            json.put("tags", asset.tags());
        }
        if (withContext) {
            putContext(asset, json);
        }
        return json;
    }

    /** The Admin API's details of one asset. */
    Map<String, Object> details(Asset asset) {
        Map<String, Object> json = listed(asset, false, true);
        if (!asset.tags().isEmpty()) {
            json.put("tags", asset.tags());
        }
        json.put("etag", asset.etag());
        json.put("last_updated", Map.of("updated_at", createdAt(asset)));
        json.put("derived", java.util.List.of());
        return json;
    }

    String url(Asset asset) {
        StringBuilder url = new StringBuilder(baseUrl).append('/').append(asset.cloudName()).append('/')
                .append(asset.resourceType()).append('/').append(asset.type()).append("/v").append(asset.version());
        for (String segment : asset.publicId().split("/")) {
            url.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        if (asset.format() != null) {
            url.append('.').append(asset.format());
        }
        return url.toString();
    }

    /** Cloudinary nests the pairs under {@code custom} and leaves the key out when there are none. */
    private static void putContext(Asset asset, Map<String, Object> json) {
        if (!asset.context().isEmpty()) {
            json.put("context", Map.of("custom", asset.context()));
        }
    }

    private static void putSize(Asset asset, Map<String, Object> json) {
        if (asset.width() != null) {
            json.put("width", asset.width());
        }
        if (asset.height() != null) {
            json.put("height", asset.height());
        }
    }

    private static String createdAt(Asset asset) {
        return DateTimeFormatter.ISO_INSTANT.format(asset.createdAt());
    }

    private static String folder(Asset asset) {
        int slash = asset.publicId().lastIndexOf('/');
        return slash < 0 ? "" : asset.publicId().substring(0, slash);
    }

    private static String displayName(Asset asset) {
        return asset.publicId().substring(asset.publicId().lastIndexOf('/') + 1);
    }
}
