package io.quarkiverse.cloudinary.storage.emulator.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.quarkiverse.cloudinary.storage.emulator.model.ApiError;
import io.quarkiverse.cloudinary.storage.emulator.model.Params;

/**
 * The parameters each emulated endpoint implements, in one place: a parameter that is not listed for its endpoint is
 * refused with 400, never accepted and ignored, so a caller cannot believe it took effect.
 * <p>
 * Two kinds of entries: {@link Support#YES} the emulator does what Cloudinary does with it (or, like
 * {@code invalidate}, there is nothing to do: the emulator has no CDN); {@link Support#ONLY_OFF} a feature flag the
 * emulator does not implement, accepted when it asks for nothing ({@code false} or {@code 0}) and refused otherwise.
 * Parameters given without a value (the Admin API's {@code update} sends {@code notification_url} bare) ask for
 * nothing and pass. Keys are the endpoint ids requests are counted under.
 */
final class ParameterTable {

    enum Support {
        YES,
        ONLY_OFF
    }

    /** What signed Upload API calls carry besides their own parameters. */
    private static final Set<String> SIGNING = Set.of("timestamp", "signature", "api_key");
    /** How the Java SDK sends DELETE calls: a POST with {@code _method=delete}. */
    private static final Set<String> ADMIN_ALWAYS = Set.of("_method");

    /** Analysis the emulator does not do: asking for it must not look like it worked. */
    private static final String[] ANALYSIS = { "exif", "faces", "colors", "image_metadata", "phash",
            "quality_analysis", "cinemagraph_analysis", "accessibility_analysis", "media_metadata", "visual_search",
            "coordinates", "pages", "versions" };

    private static final Map<String, Map<String, Support>> TABLE = new LinkedHashMap<>();

    static {
        endpoint("upload:upload", yes("file", "public_id", "folder", "type", "format", "tags", "context", "metadata",
                "overwrite", "use_filename", "unique_filename", "invalidate", "eager", "allowed_formats",
                "filename_override", "discard_original_filename", "access_mode", "return_delete_token"),
                off(ANALYSIS), off("backup", "async", "eager_async", "use_filename_as_display_name",
                        "use_asset_folder_as_public_id_prefix", "unique_display_name"));
        endpoint("upload:explicit", yes("public_id", "type", "tags", "context", "metadata", "eager", "invalidate",
                "overwrite"), off(ANALYSIS), off("backup", "async", "eager_async"));
        endpoint("upload:destroy", yes("public_id", "type", "invalidate"));
        endpoint("upload:rename", yes("from_public_id", "to_public_id", "type", "to_type", "overwrite", "invalidate",
                "context", "metadata"));
        endpoint("upload:tags", yes("tag", "command", "public_ids", "type"));
        endpoint("upload:context", yes("context", "command", "public_ids", "type"));
        endpoint("upload:metadata", yes("metadata", "public_ids", "type"));
        endpoint("upload:download", yes("public_id", "format", "type", "attachment", "expires_at"));
        endpoint("upload:delete_by_token", yes("token"));

        endpoint("admin:ping");
        endpoint("admin:usage");
        endpoint("admin:tags", yes("prefix", "max_results", "next_cursor"));
        endpoint("admin:resources:types");
        String[] listing = { "max_results", "next_cursor", "direction", "tags", "context", "metadata", "fields" };
        endpoint("admin:resources:list", yes(listing), yes("type", "prefix", "start_at"), off("moderations"));
        endpoint("admin:resources:by-tag", yes(listing), yes("type"), off("moderations"));
        endpoint("admin:resources:by-context", yes(listing), yes("key", "value"), off("moderations"));
        endpoint("admin:resources:by-ids", yes("public_ids", "tags", "context", "metadata", "fields"),
                off("moderations"));
        endpoint("admin:resources:by-asset-id", yes("tags", "context", "metadata", "fields"), off("moderations"));
        endpoint("admin:resources:by-asset-ids", yes("asset_ids", "tags", "context", "metadata", "fields"),
                off("moderations"));
        endpoint("admin:resources:get", yes("max_results"), off(ANALYSIS));
        endpoint("admin:resources:update", yes("tags", "context", "metadata"));
        endpoint("admin:resources:delete", yes("public_ids", "prefix", "all", "invalidate", "next_cursor"),
                off("keep_original"));
        endpoint("admin:resources:delete-by-tag", yes("invalidate", "next_cursor"), off("keep_original"));
        endpoint("admin:folders:list", yes("max_results", "next_cursor"));
        endpoint("admin:folders:create");
        endpoint("admin:folders:delete");
        endpoint("admin:metadata-fields:list");
        endpoint("admin:metadata-fields:get");
        // its body is JSON, checked by MetadataDefinition
        endpoint("admin:metadata-fields:add");
        endpoint("admin:metadata-fields:delete");
    }

    private ParameterTable() {
    }

    /** The table, for documentation and tests: endpoint id to parameter to support. */
    static Map<String, Map<String, Support>> table() {
        return TABLE;
    }

    /**
     * Refuses the first parameter of the request that its endpoint does not implement.
     *
     * @param endpoint the endpoint id, for example {@code upload:upload}
     * @param call how the answer names the call, for example {@code upload} or {@code GET resources/image/upload}
     * @throws ApiError 400
     */
    static void check(String endpoint, Params params, String call) {
        Map<String, Support> supported = TABLE.get(endpoint);
        if (supported == null) {
            throw new IllegalStateException("no parameter table for " + endpoint);
        }
        boolean admin = endpoint.startsWith("admin:");
        for (String name : params.givenNames()) {
            if (SIGNING.contains(name) || admin && ADMIN_ALWAYS.contains(name)) {
                continue;
            }
            Support support = supported.get(name);
            if (support == Support.YES) {
                continue;
            }
            if (support == Support.ONLY_OFF) {
                String value = params.get(name).orElse("");
                if (value.equals("false") || value.equals("0")) {
                    continue;
                }
                throw ApiError.badRequest("The Cloudinary emulator does not support " + name + "=" + value + " in "
                        + call + " (only " + name + "=false)");
            }
            throw ApiError.badRequest("The Cloudinary emulator does not support the parameter " + name + " in " + call);
        }
    }

    @SafeVarargs
    private static void endpoint(String id, Map<String, Support>... groups) {
        Map<String, Support> all = new LinkedHashMap<>();
        for (Map<String, Support> group : groups) {
            all.putAll(group);
        }
        TABLE.put(id, all);
    }

    private static Map<String, Support> yes(String... names) {
        return of(Support.YES, names);
    }

    private static Map<String, Support> off(String... names) {
        return of(Support.ONLY_OFF, names);
    }

    private static Map<String, Support> of(Support support, String... names) {
        Map<String, Support> group = new LinkedHashMap<>();
        for (String name : names) {
            group.put(name, support);
        }
        return group;
    }
}
