package io.quarkiverse.cloudinary.storage.emulator.http;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;

import io.quarkiverse.cloudinary.storage.emulator.EmulatorAccount;
import io.quarkiverse.cloudinary.storage.emulator.control.EmulatorControls;
import io.quarkiverse.cloudinary.storage.emulator.control.RateLimit;
import io.quarkiverse.cloudinary.storage.emulator.model.ApiError;
import io.quarkiverse.cloudinary.storage.emulator.model.Asset;
import io.quarkiverse.cloudinary.storage.emulator.model.AssetService;
import io.quarkiverse.cloudinary.storage.emulator.model.Params;

/**
 * The Admin API under {@code /v1_1/<cloud>/}: Basic authentication, the hourly rate limit with its headers, listings
 * (all, by tag, by ids, by context), details, batched deletes, ping and usage.
 */
public final class AdminApiHandler {

    /** What an Admin request asks, known before it is counted. */
    record Request(String endpoint, String method, List<String> path, Params params) {
    }

    private final AssetService assets;
    private final EmulatorControls controls;
    private final AssetJson json;

    public AdminApiHandler(AssetService assets, EmulatorControls controls, AssetJson json) {
        this.assets = assets;
        this.controls = controls;
        this.json = json;
    }

    Request parse(HttpExchange exchange, String[] rawSegments) throws IOException {
        Params params = FormDecoder.decode(exchange.getRequestURI().getRawQuery());
        String method = exchange.getRequestMethod();
        if (method.equals("POST") || method.equals("PUT") || method.equals("DELETE")) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            FormDecoder.decodeInto(params, body);
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
        return new Request(endpoint(method, path, params), method, path, params);
    }

    private static String endpoint(String method, List<String> path, Params params) {
        String first = path.isEmpty() ? "" : path.get(0);
        return switch (first) {
            case "ping" -> "admin:ping";
            case "usage" -> "admin:usage";
            case "tags" -> "admin:tags";
            case "resources" -> {
                if (path.size() >= 4 && path.get(2).equals("tags")) {
                    yield method.equals("DELETE") ? "admin:resources:delete-by-tag" : "admin:resources:by-tag";
                }
                // "context" is no delivery type: resources/<rt>/context never means the listing of a type
                if (path.size() == 3 && path.get(2).equals("context") && !method.equals("DELETE")) {
                    yield "admin:resources:by-context";
                }
                if (method.equals("DELETE")) {
                    yield "admin:resources:delete";
                }
                if (path.size() >= 4) {
                    yield "admin:resources:get";
                }
                yield path.size() == 3 && !params.list("public_ids").isEmpty() ? "admin:resources:by-ids"
                        : "admin:resources:list";
            }
            default -> "admin:" + first;
        };
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
        switch (request.endpoint()) {
            case "admin:ping" -> Responses.json(exchange, 200, Map.of("status", "ok"));
            case "admin:usage" -> Responses.json(exchange, 200, usage(cloud));
            case "admin:tags" -> Responses.json(exchange, 200, tags(cloud, path, params));
            case "admin:resources:list" -> list(exchange, cloud, path, params);
            case "admin:resources:by-tag" -> byTag(exchange, cloud, path, params);
            case "admin:resources:by-context" -> byContext(exchange, cloud, path, params);
            case "admin:resources:by-ids" -> byIds(exchange, cloud, path, params);
            case "admin:resources:get" -> {
                String resourceType = path.get(1);
                String type = path.get(2);
                String publicId = String.join("/", path.subList(3, path.size()));
                Asset asset = assets.repository().find(cloud, resourceType, type, publicId)
                        .orElseThrow(() -> ApiError.notFound(publicId));
                Responses.json(exchange, 200, json.details(asset));
            }
            case "admin:resources:delete" -> delete(exchange, cloud, path, params);
            case "admin:resources:delete-by-tag" -> {
                String tag = tagOf(path);
                AssetService.Deleted deleted = assets.deleteMatching(cloud,
                        a -> a.resourceType().equals(path.get(1)) && a.tags().contains(tag));
                Responses.json(exchange, 200, deletedJson(deleted));
            }
            default -> throw new ApiError(404, "Unknown Admin API call " + String.join("/", path));
        }
    }

    private void list(HttpExchange exchange, String cloud, List<String> path, Params params) throws IOException {
        String resourceType = resourceType(path);
        Optional<String> type = path.size() >= 3 ? Optional.of(path.get(2)) : params.get("type");
        Optional<String> prefix = params.get("prefix");
        page(exchange, cloud, params, prefix.isPresent(), a -> a.resourceType().equals(resourceType)
                && type.map(t -> t.equals(a.type())).orElse(true)
                && prefix.map(p -> a.publicId().startsWith(p)).orElse(true));
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
        String direction = params.get("direction").orElse("desc");
        boolean ascending = direction.equals("asc") || direction.equals("1");
        AssetService.Page page = assets.list(cloud, filter, byPublicId, ascending,
                params.integer("max_results", 10), params.get("next_cursor"));
        boolean withTags = params.flag("tags", false);
        boolean withContext = params.flag("context", false);
        List<Object> resources = new ArrayList<>();
        for (Asset asset : page.assets()) {
            resources.add(json.listed(asset, withTags, withContext));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("resources", resources);
        if (page.nextCursor() != null) {
            answer.put("next_cursor", page.nextCursor());
        }
        Responses.json(exchange, 200, answer);
    }

    private void byIds(HttpExchange exchange, String cloud, List<String> path, Params params) throws IOException {
        List<String> ids = params.list("public_ids");
        if (ids.size() > 100) {
            throw ApiError.badRequest("Too many public_ids: " + ids.size() + ", at most 100 per call");
        }
        boolean withTags = params.flag("tags", false);
        boolean withContext = params.flag("context", false);
        List<Object> resources = new ArrayList<>();
        for (String id : ids) {
            assets.repository().find(cloud, path.get(1), path.get(2), id)
                    .ifPresent(asset -> resources.add(json.listed(asset, withTags, withContext)));
        }
        Responses.json(exchange, 200, Map.of("resources", resources));
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

    private Map<String, Object> tags(String cloud, List<String> path, Params params) {
        String resourceType = path.size() >= 2 ? path.get(1) : "image";
        Optional<String> prefix = params.get("prefix");
        TreeSet<String> tags = new TreeSet<>();
        for (Asset asset : assets.repository().select(cloud, a -> a.resourceType().equals(resourceType),
                (a, b) -> 0)) {
            asset.tags().stream().filter(t -> prefix.map(t::startsWith).orElse(true)).forEach(tags::add);
        }
        return Map.of("tags", List.copyOf(tags));
    }

    private Map<String, Object> usage(String cloud) {
        List<Asset> all = assets.repository().select(cloud, a -> true, (a, b) -> 0);
        long bytes = all.stream().mapToLong(Asset::bytes).sum();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("plan", "Free");
        answer.put("last_updated", DateTimeFormatter.ISO_LOCAL_DATE.format(Instant.now().atZone(java.time.ZoneOffset.UTC)));
        answer.put("objects", Map.of("usage", all.size()));
        answer.put("resources", all.size());
        answer.put("derived_resources", 0);
        answer.put("storage", Map.of("usage", bytes, "limit", 26_843_545_600L,
                "used_percent", Math.round(bytes * 10_000.0 / 26_843_545_600L) / 100.0));
        answer.put("bandwidth", Map.of("usage", 0));
        answer.put("transformations", Map.of("usage", 0));
        answer.put("requests", controls.total());
        answer.put("media_limits", Map.of("image_max_size_bytes", 10_485_760, "video_max_size_bytes", 104_857_600,
                "raw_max_size_bytes", 10_485_760));
        return answer;
    }

    private void authenticate(HttpExchange exchange, EmulatorAccount account) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
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
}
