package io.quarkiverse.cloudinary.storage.emulator.http;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;

import io.quarkiverse.cloudinary.storage.emulator.EmulatorAccount;
import io.quarkiverse.cloudinary.storage.emulator.control.EmulatorControls;
import io.quarkiverse.cloudinary.storage.emulator.control.RateLimit;
import io.quarkiverse.cloudinary.storage.emulator.json.Json;
import io.quarkiverse.cloudinary.storage.emulator.model.ApiError;
import io.quarkiverse.cloudinary.storage.emulator.model.Asset;
import io.quarkiverse.cloudinary.storage.emulator.model.AssetService;
import io.quarkiverse.cloudinary.storage.emulator.model.MetadataDefinition;
import io.quarkiverse.cloudinary.storage.emulator.model.Params;

/**
 * The Admin API under {@code /v1_1/<cloud>/}: Basic authentication, the hourly rate limit with its headers, listings
 * (all, by tag, by ids, by context, by asset ids), details and updates, batched deletes, folders, structured metadata
 * field definitions, resource types, tags, ping and usage. A call it does not implement answers 404, a parameter it
 * does not implement 400 (see {@link ParameterTable}).
 */
public final class AdminApiHandler {

    /** The endpoint id of every Admin API call the emulator does not implement. */
    static final String UNSUPPORTED = "admin:unsupported";

    /**
     * What an Admin request asks, known before it is counted.
     *
     * @param json the body when it was JSON (the metadata field calls), else {@code null}
     */
    record Request(String endpoint, String method, List<String> path, Params params, Map<String, Object> json) {
    }

    private static final Set<String> ASSET_ID_LISTINGS = Set.of("by_asset_ids");
    /** {@code resources/<x>} calls that are not a resource type nor an asset id. */
    private static final Set<String> UNSUPPORTED_RESOURCE_CALLS = Set.of("search", "visual_search", "by_asset_folder",
            "restore");
    /** {@code POST resources/<rt>/<type>/<x>} calls that are not an update of the asset {@code x}. */
    private static final Set<String> UNSUPPORTED_RESOURCE_ACTIONS = Set.of("restore", "update_access_mode");

    private final AssetService assets;
    private final EmulatorControls controls;
    private final AssetJson json;

    public AdminApiHandler(AssetService assets, EmulatorControls controls, AssetJson json) {
        this.assets = assets;
        this.controls = controls;
        this.json = json;
    }

    @SuppressWarnings("unchecked")
    Request parse(HttpExchange exchange, String[] rawSegments) throws IOException {
        Params params = FormDecoder.decode(exchange.getRequestURI().getRawQuery());
        String method = exchange.getRequestMethod();
        Map<String, Object> body = null;
        if (method.equals("POST") || method.equals("PUT") || method.equals("DELETE")) {
            String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String contentType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
            if (contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                Object parsed;
                try {
                    parsed = text.isBlank() ? Map.of() : Json.parse(text);
                } catch (IllegalArgumentException e) {
                    throw ApiError.badRequest(e.getMessage());
                }
                if (!(parsed instanceof Map<?, ?>)) {
                    throw ApiError.badRequest("The request body must be a JSON object");
                }
                body = new LinkedHashMap<>((Map<String, Object>) parsed);
                if (body.remove("_method") instanceof String m && m.equalsIgnoreCase("delete")) {
                    method = "DELETE";
                }
            } else {
                FormDecoder.decodeInto(params, text);
            }
        }
        if (method.equals("POST") && params.get("_method").map(m -> m.equalsIgnoreCase("delete")).orElse(false)) {
            method = "DELETE";
        }
        List<String> path = new ArrayList<>();
        for (String segment : rawSegments) {
            if (!segment.isEmpty()) {
                path.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return new Request(endpoint(method, path, params), method, path, params, body);
    }

    /** The endpoint id of a call: what it is counted, faulted and checked as. */
    private static String endpoint(String method, List<String> path, Params params) {
        String first = path.isEmpty() ? "" : path.get(0);
        boolean get = method.equals("GET");
        boolean delete = method.equals("DELETE");
        boolean post = method.equals("POST");
        int size = path.size();
        return switch (first) {
            case "ping" -> get && size == 1 ? "admin:ping" : UNSUPPORTED;
            case "usage" -> get && size <= 2 ? "admin:usage" : UNSUPPORTED;
            case "tags" -> get && size == 2 ? "admin:tags" : UNSUPPORTED;
            case "resources" -> resourcesEndpoint(method, path, params);
            case "folders" -> {
                if (size >= 2 && path.get(1).equals("search")) {
                    yield UNSUPPORTED;
                }
                if (get) {
                    yield "admin:folders:list";
                }
                if (post && size >= 2) {
                    yield "admin:folders:create";
                }
                yield delete && size >= 2 ? "admin:folders:delete" : UNSUPPORTED;
            }
            case "metadata_fields" -> {
                if (size == 1) {
                    yield get ? "admin:metadata-fields:list" : post ? "admin:metadata-fields:add" : UNSUPPORTED;
                }
                if (size == 2 && !path.get(1).equals("order")) {
                    yield get ? "admin:metadata-fields:get" : delete ? "admin:metadata-fields:delete" : UNSUPPORTED;
                }
                yield UNSUPPORTED;
            }
            default -> UNSUPPORTED;
        };
    }

    private static String resourcesEndpoint(String method, List<String> path, Params params) {
        boolean get = method.equals("GET");
        boolean delete = method.equals("DELETE");
        int size = path.size();
        if (size == 1) {
            return get ? "admin:resources:types" : UNSUPPORTED;
        }
        String second = path.get(1);
        if (size == 2 && !AssetService.RESOURCE_TYPES.contains(second)) {
            if (UNSUPPORTED_RESOURCE_CALLS.contains(second)) {
                return UNSUPPORTED;
            }
            if (ASSET_ID_LISTINGS.contains(second)) {
                return get ? "admin:resources:by-asset-ids" : UNSUPPORTED;
            }
            return get ? "admin:resources:by-asset-id" : UNSUPPORTED;
        }
        if (size >= 4 && path.get(2).equals("tags")) {
            return delete ? "admin:resources:delete-by-tag" : get ? "admin:resources:by-tag" : UNSUPPORTED;
        }
        // "context" is no delivery type: resources/<rt>/context never means the listing of a type
        if (size == 3 && path.get(2).equals("context") && !delete) {
            return get ? "admin:resources:by-context" : UNSUPPORTED;
        }
        if (size >= 3 && path.get(2).equals("moderations")) {
            return UNSUPPORTED;
        }
        if (size <= 3) {
            if (delete) {
                return "admin:resources:delete";
            }
            if (!get) {
                return UNSUPPORTED;
            }
            return size == 3 && !params.list("public_ids").isEmpty() ? "admin:resources:by-ids"
                    : "admin:resources:list";
        }
        if (get) {
            return "admin:resources:get";
        }
        if (method.equals("POST")) {
            return size == 4 && UNSUPPORTED_RESOURCE_ACTIONS.contains(path.get(3)) ? UNSUPPORTED
                    : "admin:resources:update";
        }
        return UNSUPPORTED;
    }

    void handle(HttpExchange exchange, EmulatorAccount account, Request request) throws IOException {
        authenticate(exchange, account);
        RateLimit.Decision budget = controls.rateLimit().spend();
        exchange.getResponseHeaders().set("X-FeatureRateLimit-Limit", Long.toString(budget.limit()));
        exchange.getResponseHeaders().set("X-FeatureRateLimit-Remaining", Long.toString(budget.remaining()));
        exchange.getResponseHeaders().set("X-FeatureRateLimit-Reset", budget.resetHeader());
        if (!budget.allowed()) {
            Responses.error(exchange, 420, "Rate Limit Exceeded");
            return;
        }
        String cloud = account.cloudName();
        List<String> path = request.path();
        Params params = request.params();
        String call = request.method() + " " + String.join("/", path);
        if (request.endpoint().equals(UNSUPPORTED)) {
            throw new ApiError(404, "The Cloudinary emulator does not support the Admin API call " + call);
        }
        ParameterTable.check(request.endpoint(), params, call);
        switch (request.endpoint()) {
            case "admin:ping" -> Responses.json(exchange, 200, Map.of("status", "ok"));
            case "admin:usage" -> Responses.json(exchange, 200, usage(cloud));
            case "admin:tags" -> Responses.json(exchange, 200, tags(cloud, path, params));
            case "admin:resources:types" -> Responses.json(exchange, 200,
                    Map.of("resource_types", assets.resourceTypes(cloud)));
            case "admin:resources:list" -> list(exchange, cloud, path, params);
            case "admin:resources:by-tag" -> byTag(exchange, cloud, path, params);
            case "admin:resources:by-context" -> byContext(exchange, cloud, path, params);
            case "admin:resources:by-ids" -> byIds(exchange, cloud, path, params);
            case "admin:resources:by-asset-id" -> {
                String assetId = path.get(1);
                Asset asset = assets.findByAssetId(cloud, assetId).orElseThrow(() -> ApiError.notFound(assetId));
                Responses.json(exchange, 200, AssetJson.restrict(json.details(asset), fields(params), Set.of()));
            }
            case "admin:resources:by-asset-ids" -> byAssetIds(exchange, cloud, params);
            case "admin:resources:get" -> {
                String resourceType = path.get(1);
                String type = path.get(2);
                String publicId = String.join("/", path.subList(3, path.size()));
                Asset asset = assets.repository().find(cloud, resourceType, type, publicId)
                        .orElseThrow(() -> ApiError.notFound(publicId));
                int maxDerived = params.integer("max_results", Integer.MAX_VALUE);
                if (maxDerived < 1) {
                    throw ApiError.badRequest("max_results must be at least 1, got " + maxDerived);
                }
                Responses.json(exchange, 200, json.details(asset, maxDerived));
            }
            case "admin:resources:update" -> {
                String resourceType = resourceType(path);
                String type = path.get(2);
                if (!AssetService.DELIVERY_TYPES.contains(type)) {
                    throw ApiError.badRequest("Invalid type " + type + ", must be one of upload, private, authenticated");
                }
                String publicId = String.join("/", path.subList(3, path.size()));
                Responses.json(exchange, 200, json.details(assets.update(cloud, resourceType, type, publicId, params)));
            }
            case "admin:resources:delete" -> delete(exchange, cloud, path, params);
            case "admin:resources:delete-by-tag" -> {
                String tag = tagOf(path);
                AssetService.Deleted deleted = assets.deleteMatching(cloud,
                        a -> a.resourceType().equals(path.get(1)) && a.tags().contains(tag));
                Responses.json(exchange, 200, deletedJson(deleted));
            }
            case "admin:folders:list" -> folders(exchange, cloud, path, params);
            case "admin:folders:create" -> {
                String folder = assets.createFolder(cloud, folderOf(path));
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("success", true);
                answer.put("path", folder);
                answer.put("name", folder.substring(folder.lastIndexOf('/') + 1));
                Responses.json(exchange, 200, answer);
            }
            case "admin:folders:delete" -> Responses.json(exchange, 200,
                    Map.of("deleted", assets.deleteFolder(cloud, folderOf(path))));
            case "admin:metadata-fields:list" -> Responses.json(exchange, 200, Map.of("metadata_fields",
                    assets.repository().metadataFields(cloud).stream().map(MetadataDefinition::toJson).toList()));
            case "admin:metadata-fields:get" -> Responses.json(exchange, 200,
                    assets.metadataField(cloud, path.get(1)).toJson());
            case "admin:metadata-fields:add" -> {
                if (request.json() == null) {
                    throw ApiError.badRequest("A metadata field is sent as a JSON object");
                }
                Responses.json(exchange, 200, assets.addMetadataField(cloud, request.json()).toJson());
            }
            case "admin:metadata-fields:delete" -> {
                assets.deleteMetadataField(cloud, path.get(1));
                Responses.json(exchange, 200, Map.of("message", "ok"));
            }
            default -> throw new ApiError(404, "The Cloudinary emulator does not support the Admin API call " + call);
        }
    }

    private void list(HttpExchange exchange, String cloud, List<String> path, Params params) throws IOException {
        String resourceType = resourceType(path);
        Optional<String> type = path.size() >= 3 ? Optional.of(path.get(2)) : params.get("type");
        Optional<String> prefix = params.get("prefix");
        Optional<Instant> startAt = params.get("start_at").map(AdminApiHandler::instant);
        page(exchange, cloud, params, prefix.isPresent(), a -> a.resourceType().equals(resourceType)
                && type.map(t -> t.equals(a.type())).orElse(true)
                && prefix.map(p -> a.publicId().startsWith(p)).orElse(true)
                && startAt.map(s -> !a.createdAt().isBefore(s)).orElse(true));
    }

    private void byTag(HttpExchange exchange, String cloud, List<String> path, Params params) throws IOException {
        String resourceType = resourceType(path);
        String tag = tagOf(path);
        Optional<String> type = params.get("type");
        page(exchange, cloud, params, false, a -> a.resourceType().equals(resourceType)
                && type.map(t -> t.equals(a.type())).orElse(true) && a.tags().contains(tag));
    }

    /** Every delivery type at once, as Cloudinary's listing by context takes no type. */
    private void byContext(HttpExchange exchange, String cloud, List<String> path, Params params) throws IOException {
        String resourceType = resourceType(path);
        String key = params.get("key").orElseThrow(() -> ApiError.badRequest("Missing required parameter - key"));
        Optional<String> value = params.get("value");
        page(exchange, cloud, params, false, a -> a.resourceType().equals(resourceType)
                && a.context().containsKey(key) && value.map(v -> v.equals(a.context().get(key))).orElse(true));
    }

    /** One page of a listing, with the paging, ordering and optional fields that all listings share. */
    private void page(HttpExchange exchange, String cloud, Params params, boolean byPublicId, Predicate<Asset> filter)
            throws IOException {
        String direction = params.get("direction").orElse("desc").toLowerCase(Locale.ROOT);
        if (!Set.of("asc", "desc", "1", "-1").contains(direction)) {
            throw ApiError.badRequest("Invalid direction " + direction + ", must be one of asc, desc, 1, -1");
        }
        boolean ascending = direction.equals("asc") || direction.equals("1");
        AssetService.Page page = assets.list(cloud, filter, byPublicId, ascending,
                params.integer("max_results", 10), params.get("next_cursor"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("resources", entries(page.assets(), params));
        if (page.nextCursor() != null) {
            answer.put("next_cursor", page.nextCursor());
        }
        Responses.json(exchange, 200, answer);
    }

    /** Listing entries with what the request asks: {@code tags}, {@code context}, {@code metadata}, {@code fields}. */
    private List<Object> entries(List<Asset> found, Params params) {
        boolean withTags = params.flag("tags", false);
        boolean withContext = params.flag("context", false);
        boolean withMetadata = params.flag("metadata", false);
        Set<String> fields = fields(params);
        Set<String> asked = new HashSet<>();
        if (withTags) {
            asked.add("tags");
        }
        if (withContext) {
            asked.add("context");
        }
        if (withMetadata) {
            asked.add("metadata");
        }
        List<Object> resources = new ArrayList<>();
        for (Asset asset : found) {
            resources.add(AssetJson.restrict(json.listed(asset, withTags || fields.contains("tags"),
                    withContext || fields.contains("context"), withMetadata || fields.contains("metadata")), fields,
                    asked));
        }
        return resources;
    }

    private static Set<String> fields(Params params) {
        return new java.util.LinkedHashSet<>(params.commaList("fields"));
    }

    private void byIds(HttpExchange exchange, String cloud, List<String> path, Params params) throws IOException {
        List<String> ids = params.list("public_ids");
        if (ids.size() > 100) {
            throw ApiError.badRequest("Too many public_ids: " + ids.size() + ", at most 100 per call");
        }
        List<Asset> found = new ArrayList<>();
        for (String id : ids) {
            assets.repository().find(cloud, path.get(1), path.get(2), id).ifPresent(found::add);
        }
        Responses.json(exchange, 200, Map.of("resources", entries(found, params)));
    }

    private void byAssetIds(HttpExchange exchange, String cloud, Params params) throws IOException {
        List<String> ids = params.list("asset_ids");
        if (ids.isEmpty()) {
            throw ApiError.badRequest("Missing required parameter - asset_ids");
        }
        if (ids.size() > 100) {
            throw ApiError.badRequest("Too many asset_ids: " + ids.size() + ", at most 100 per call");
        }
        List<Asset> found = new ArrayList<>();
        for (String id : ids) {
            assets.findByAssetId(cloud, id).ifPresent(found::add);
        }
        Responses.json(exchange, 200, Map.of("resources", entries(found, params)));
    }

    private void delete(HttpExchange exchange, String cloud, List<String> path, Params params) throws IOException {
        if (path.size() < 2) {
            throw new ApiError(404, "A resource type is required");
        }
        String resourceType = path.get(1);
        AssetService.requireResourceType(resourceType);
        String type = path.size() >= 3 ? path.get(2) : "upload";
        List<String> ids = params.list("public_ids");
        AssetService.Deleted deleted;
        if (!ids.isEmpty()) {
            deleted = assets.deleteByIds(cloud, resourceType, type, ids);
        } else if (params.get("prefix").isPresent()) {
            String prefix = params.get("prefix").get();
            deleted = assets.deleteMatching(cloud, a -> a.resourceType().equals(resourceType) && a.type().equals(type)
                    && a.publicId().startsWith(prefix));
        } else if (params.flag("all", false)) {
            deleted = assets.deleteMatching(cloud, a -> a.resourceType().equals(resourceType) && a.type().equals(type));
        } else {
            throw ApiError.badRequest("Missing required parameter - public_ids, prefix or all");
        }
        Responses.json(exchange, 200, deletedJson(deleted));
    }

    private static Map<String, Object> deletedJson(AssetService.Deleted deleted) {
        Map<String, Object> counts = new LinkedHashMap<>();
        deleted.results().forEach((id, result) -> counts.put(id,
                Map.of("original", result.equals("deleted") ? 1 : 0, "derived", 0)));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("deleted", deleted.results());
        answer.put("deleted_counts", counts);
        answer.put("partial", deleted.partial());
        if (deleted.nextCursor() != null) {
            answer.put("next_cursor", deleted.nextCursor());
        }
        return answer;
    }

    private void folders(HttpExchange exchange, String cloud, List<String> path, Params params) throws IOException {
        String parent = path.size() >= 2 ? folderOf(path) : null;
        AssetService.FolderPage page = assets.folders(cloud, parent, params.integer("max_results", 10),
                params.get("next_cursor"));
        List<Object> folders = new ArrayList<>();
        for (String folder : page.paths()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", folder.substring(folder.lastIndexOf('/') + 1));
            entry.put("path", folder);
            // stable for a folder's path, so the same folder always answers the same id
            entry.put("external_id", md5Hex(cloud + "/" + folder));
            folders.add(entry);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("folders", folders);
        if (page.nextCursor() != null) {
            answer.put("next_cursor", page.nextCursor());
        }
        answer.put("total_count", page.totalCount());
        Responses.json(exchange, 200, answer);
    }

    /** The tags of a resource type, sorted, a page at a time. */
    private Map<String, Object> tags(String cloud, List<String> path, Params params) {
        String resourceType = path.get(1);
        AssetService.requireResourceType(resourceType);
        Optional<String> prefix = params.get("prefix");
        int maxResults = params.integer("max_results", 10);
        if (maxResults < 1 || maxResults > 500) {
            throw ApiError.badRequest("max_results must be between 1 and 500, got " + maxResults);
        }
        String after;
        try {
            after = params.get("next_cursor")
                    .map(c -> new String(Base64.getUrlDecoder().decode(c), StandardCharsets.UTF_8)).orElse(null);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("Invalid next_cursor");
        }
        TreeSet<String> tags = new TreeSet<>();
        for (Asset asset : assets.repository().select(cloud, a -> a.resourceType().equals(resourceType),
                (a, b) -> 0)) {
            asset.tags().stream().filter(t -> prefix.map(t::startsWith).orElse(true))
                    .filter(t -> after == null || t.compareTo(after) > 0).forEach(tags::add);
        }
        List<String> all = List.copyOf(tags);
        Map<String, Object> answer = new LinkedHashMap<>();
        if (all.size() <= maxResults) {
            answer.put("tags", all);
        } else {
            List<String> page = all.subList(0, maxResults);
            answer.put("tags", page);
            answer.put("next_cursor", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(page.get(page.size() - 1).getBytes(StandardCharsets.UTF_8)));
        }
        return answer;
    }

    private Map<String, Object> usage(String cloud) {
        List<Asset> all = assets.repository().select(cloud, a -> true, (a, b) -> 0);
        long bytes = all.stream().mapToLong(Asset::bytes).sum();
        Map<String, Object> answer = new LinkedHashMap<>();
        AssetService.Limits limits = assets.limits();
        // no plan name goes with limits other than the Free plan's: the emulator says so rather than guess one
        answer.put("plan", limits.equals(AssetService.Limits.FREE_PLAN) ? "Free" : "Custom");
        answer.put("last_updated", DateTimeFormatter.ISO_LOCAL_DATE.format(Instant.now().atZone(java.time.ZoneOffset.UTC)));
        answer.put("objects", Map.of("usage", all.size()));
        answer.put("resources", all.size());
        answer.put("derived_resources", all.stream().mapToInt(a -> a.derived().size()).sum());
        answer.put("storage", Map.of("usage", bytes, "limit", 26_843_545_600L,
                "used_percent", Math.round(bytes * 10_000.0 / 26_843_545_600L) / 100.0));
        answer.put("bandwidth", Map.of("usage", 0));
        answer.put("transformations", Map.of("usage", 0));
        answer.put("requests", controls.total());
        answer.put("media_limits", Map.of("image_max_size_bytes", limits.image(), "video_max_size_bytes",
                limits.video(), "raw_max_size_bytes", limits.raw()));
        return answer;
    }

    private void authenticate(HttpExchange exchange, EmulatorAccount account) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            // the emulator issues no OAuth tokens, so every token is one Cloudinary would not know:
            // its SDK live tests assert that such an answer says "Invalid token"
            throw ApiError.unauthorized("Invalid token");
        }
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw ApiError.unauthorized("Must supply api_key");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiError.unauthorized("Invalid Authorization header");
        }
        int colon = decoded.indexOf(':');
        String key = colon < 0 ? decoded : decoded.substring(0, colon);
        String secret = colon < 0 ? "" : decoded.substring(colon + 1);
        if (!key.equals(account.apiKey())) {
            throw ApiError.unauthorized("Unknown API key " + key);
        }
        if (!java.security.MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                account.apiSecret().getBytes(StandardCharsets.UTF_8))) {
            throw ApiError.unauthorized("Invalid API secret for API key " + key);
        }
    }

    private static String resourceType(List<String> path) {
        if (path.size() < 2) {
            throw new ApiError(404, "A resource type is required");
        }
        AssetService.requireResourceType(path.get(1));
        return path.get(1);
    }

    private static String tagOf(List<String> path) {
        return String.join("/", path.subList(3, path.size()));
    }

    private static String folderOf(List<String> path) {
        return String.join("/", path.subList(1, path.size()));
    }

    private static String md5Hex(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }

    private static Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("Invalid start_at " + value + ", must be an ISO 8601 date and time");
        }
    }
}
