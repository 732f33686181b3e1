package io.quarkiverse.cloudinary.storage.emulator.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkiverse.cloudinary.storage.emulator.EmulatorAccount;
import io.quarkiverse.cloudinary.storage.emulator.model.Asset;
import io.quarkiverse.cloudinary.storage.emulator.model.Derived;
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
        return uploaded(asset, account, withContext, withContext);
    }

    /**
     * @param withMetadata whether to add the asset's structured metadata, if it has any: upload and explicit always
     *        do, rename only when asked
     */
    Map<String, Object> uploaded(Asset asset, EmulatorAccount account, boolean withContext, boolean withMetadata) {
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
        if (withMetadata) {
            putMetadata(asset, json);
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
        json.put("access_mode", asset.accessMode());
        json.put("api_key", account.apiKey());
        return json;
    }

    /** The {@code eager} array of upload and explicit answers. */
    List<Object> eager(Asset asset, List<Derived> derived) {
        List<Object> list = new ArrayList<>();
        for (Derived d : derived) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("transformation", d.transformation());
            json.put("width", d.width());
            json.put("height", d.height());
            json.put("bytes", d.bytes());
            json.put("format", d.format());
            json.put("url", derivedUrl(asset, d));
            json.put("secure_url", derivedUrl(asset, d));
            list.add(json);
        }
        return list;
    }

    /** An entry of an Admin API listing; tags and context only when the listing asks for them. */
    Map<String, Object> listed(Asset asset, boolean withTags, boolean withContext) {
        return listed(asset, withTags, withContext, false);
    }

    /** An entry of an Admin API listing; tags, context and metadata only when the listing asks for them. */
    Map<String, Object> listed(Asset asset, boolean withTags, boolean withContext, boolean withMetadata) {
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
        if (withMetadata) {
            putMetadata(asset, json);
        }
        return json;
    }

    /** The Admin API's details of one asset, with at most {@code maxDerived} of its derived versions. */
    Map<String, Object> details(Asset asset, int maxDerived) {
        Map<String, Object> json = listed(asset, false, true, true);
        if (!asset.tags().isEmpty()) {
            json.put("tags", asset.tags());
        }
        json.put("access_mode", asset.accessMode());
        json.put("etag", asset.etag());
        json.put("last_updated", Map.of("updated_at", createdAt(asset)));
        List<Object> derived = new ArrayList<>();
        for (Derived d : asset.derived().subList(0, Math.min(maxDerived, asset.derived().size()))) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("transformation", d.transformation());
            entry.put("format", d.format());
            entry.put("bytes", d.bytes());
            entry.put("id", d.id());
            entry.put("url", derivedUrl(asset, d));
            entry.put("secure_url", derivedUrl(asset, d));
            derived.add(entry);
        }
        json.put("derived", derived);
        return json;
    }

    Map<String, Object> details(Asset asset) {
        return details(asset, Integer.MAX_VALUE);
    }

    /**
     * The {@code fields} parameter of listings: only the named fields, plus {@code public_id} and {@code asset_id},
     * plus what the request asked for by flag ({@code tags=true}, ...).
     */
    static Map<String, Object> restrict(Map<String, Object> entry, Collection<String> fields,
            Collection<String> asked) {
        if (fields.isEmpty()) {
            return entry;
        }
        Map<String, Object> kept = new LinkedHashMap<>();
        entry.forEach((key, value) -> {
            if (key.equals("public_id") || key.equals("asset_id") || fields.contains(key) || asked.contains(key)) {
                kept.put(key, value);
            }
        });
        return kept;
    }

    /** A derived version's delivery URL: the transformation, then the version and public id with its format. */
    String derivedUrl(Asset asset, Derived derived) {
        String transformation = derived.transformation();
        int slash = transformation.lastIndexOf('/');
        if (slash > 0 && transformation.substring(slash + 1).matches("[A-Za-z0-9]+")
                && !transformation.substring(slash + 1).contains("_")) {
            transformation = transformation.substring(0, slash);
        }
        StringBuilder url = new StringBuilder(baseUrl).append('/').append(asset.cloudName()).append('/')
                .append(asset.resourceType()).append('/').append(asset.type()).append('/').append(transformation)
                .append("/v").append(asset.version());
        appendPublicId(asset, url);
        url.append('.').append(derived.format());
        return url.toString();
    }

    String url(Asset asset) {
        StringBuilder url = new StringBuilder(baseUrl).append('/').append(asset.cloudName()).append('/')
                .append(asset.resourceType()).append('/').append(asset.type()).append("/v").append(asset.version());
        appendPublicId(asset, url);
        if (asset.format() != null) {
            url.append('.').append(asset.format());
        }
        return url.toString();
    }

    private static void appendPublicId(Asset asset, StringBuilder url) {
        for (String segment : asset.publicId().split("/")) {
            url.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
    }

    /** Values by field external id; the key is left out when the asset has none. */
    private static void putMetadata(Asset asset, Map<String, Object> json) {
        if (!asset.metadata().isEmpty()) {
            json.put("metadata", asset.metadata());
        }
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
