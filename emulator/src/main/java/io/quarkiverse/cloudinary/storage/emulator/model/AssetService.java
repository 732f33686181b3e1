package io.quarkiverse.cloudinary.storage.emulator.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import io.quarkiverse.cloudinary.storage.emulator.media.MediaInfo;
import io.quarkiverse.cloudinary.storage.emulator.media.MediaInspector;
import io.quarkiverse.cloudinary.storage.emulator.media.MediaKind;
import io.quarkiverse.cloudinary.storage.emulator.store.BlobStore;
import io.quarkiverse.cloudinary.storage.emulator.store.StoredBlob;

/**
 * What the Upload and Admin APIs do to assets, without HTTP: naming, versions, overwrite rules, tags, context, listings
 * with cursors, batched deletes.
 */
public final class AssetService {

    /** Largest files per resource type (Cloudinary's Free plan by default). */
    public record Limits(long image, long video, long raw) {
        public static final Limits FREE_PLAN = new Limits(10_485_760, 104_857_600, 10_485_760);

        long of(String resourceType) {
            return switch (resourceType) {
                case "image" -> image;
                case "video" -> video;
                default -> raw;
            };
        }
    }

    public static final Set<String> RESOURCE_TYPES = Set.of("image", "video", "raw");
    public static final Set<String> DELIVERY_TYPES = Set.of("upload", "private", "authenticated");
    static final int MAX_DELETE_PER_CALL = 1000;

    /** An upload's result: the asset, and whether it was already there or replaced one. */
    public record Uploaded(Asset asset, boolean existing, boolean overwritten) {
    }

    /** One page of a listing. */
    public record Page(List<Asset> assets, String nextCursor) {
    }

    /** What a batched delete did. */
    public record Deleted(Map<String, String> results, boolean partial, String nextCursor) {
    }

    private final ResourceRepository repository;
    private final BlobStore blobs;
    private final Limits limits;

    public AssetService(ResourceRepository repository, BlobStore blobs, Limits limits) {
        this.repository = repository;
        this.blobs = blobs;
        this.limits = limits;
    }

    public ResourceRepository repository() {
        return repository;
    }

    /**
     * Stores an uploaded file as an asset.
     *
     * @param requestedType {@code image}, {@code video}, {@code raw} or {@code auto}
     * @param filename the file part's name, if any
     */
    public Uploaded upload(String cloud, String requestedType, Params params, StoredBlob blob, String filename)
            throws IOException {
        boolean keepBlob = false;
        try {
            MediaInfo info = inspect(blob);
            String resourceType = requestedType.equals("auto") ? info.kind().resourceType() : requestedType;
            requireResourceType(resourceType);
            if (resourceType.equals("image") && info.kind() != MediaKind.IMAGE) {
                throw ApiError.badRequest("Invalid image file");
            }
            if (resourceType.equals("video") && info.kind() != MediaKind.VIDEO) {
                throw ApiError.badRequest("Unsupported video format or file");
            }
            long max = limits.of(resourceType);
            if (blob.size() > max) {
                throw ApiError.badRequest("File size too large. Got " + blob.size() + ". Maximum is " + max
                        + ". Upgrade your plan to enjoy higher limits https://www.cloudinary.com/pricing/upgrades/file-limit");
            }
            String type = deliveryType(params);
            String publicId = publicId(params, resourceType, filename);
            AssetKey key = new AssetKey(cloud, resourceType, type, publicId);
            Optional<Asset> existing = repository.find(key);
            if (existing.isPresent() && !params.flag("overwrite", true)) {
                return new Uploaded(existing.get(), true, false);
            }
            Instant now = Instant.now();
            long version = existing.map(e -> Math.max(now.getEpochSecond(), e.version() + 1)).orElse(now.getEpochSecond());
            String format = resourceType.equals("raw") ? null
                    : Optional.ofNullable(info.format()).orElse(PublicIds.extension(filename));
            Asset asset = new Asset(cloud, resourceType, type, publicId, format, version,
                    existing.map(Asset::assetId).orElseGet(AssetService::hex32), hex32(), blob.size(), info.width(),
                    info.height(), blob.md5Hex(), Instant.ofEpochSecond(now.getEpochSecond()), params.commaList("tags"),
                    context(params), filename == null ? null : PublicIds.baseName(filename), blob.key());
            repository.put(asset);
            keepBlob = true;
            if (existing.isPresent()) {
                blobs.delete(existing.get().blobKey());
            }
            return new Uploaded(asset, false, existing.isPresent());
        } finally {
            if (!keepBlob) {
                blobs.delete(blob.key());
            }
        }
    }

    /** @return whether an asset was there to delete */
    public boolean destroy(String cloud, String resourceType, Params params) throws IOException {
        String publicId = params.get("public_id")
                .orElseThrow(() -> ApiError.badRequest("Missing required parameter - public_id"));
        Optional<Asset> removed = repository.remove(new AssetKey(cloud, resourceType, deliveryType(params), publicId));
        if (removed.isPresent()) {
            blobs.delete(removed.get().blobKey());
        }
        return removed.isPresent();
    }

    public Asset rename(String cloud, String resourceType, Params params) throws IOException {
        String from = params.get("from_public_id")
                .orElseThrow(() -> ApiError.badRequest("Missing required parameter - from_public_id"));
        String to = params.get("to_public_id")
                .orElseThrow(() -> ApiError.badRequest("Missing required parameter - to_public_id"));
        String problem = PublicIds.problem(to);
        if (problem != null) {
            throw ApiError.badRequest(problem);
        }
        String type = deliveryType(params);
        String toType = params.get("to_type").orElse(type);
        if (!DELIVERY_TYPES.contains(toType)) {
            throw ApiError.badRequest("Invalid to_type " + toType);
        }
        AssetKey source = new AssetKey(cloud, resourceType, type, from);
        Asset asset = repository.find(source).orElseThrow(() -> ApiError.notFound(from));
        AssetKey target = new AssetKey(cloud, resourceType, toType, to);
        if (target.equals(source)) {
            return asset;
        }
        Optional<Asset> occupant = repository.find(target);
        if (occupant.isPresent() && !params.flag("overwrite", false)) {
            throw ApiError.badRequest("to_public_id " + to + " already exists");
        }
        long version = Math.max(Instant.now().getEpochSecond(), asset.version() + 1);
        Asset renamed = asset.movedTo(toType, to, version, hex32());
        repository.remove(source);
        repository.put(renamed);
        if (occupant.isPresent()) {
            blobs.delete(occupant.get().blobKey());
        }
        return renamed;
    }

    public Asset explicit(String cloud, String resourceType, Params params) {
        String publicId = params.get("public_id")
                .orElseThrow(() -> ApiError.badRequest("Missing required parameter - public_id"));
        AssetKey key = new AssetKey(cloud, resourceType, deliveryType(params), publicId);
        // like tags, a context given replaces the whole context; what is not given stays
        boolean retag = params.asMap().containsKey("tags");
        boolean recontext = params.asMap().containsKey("context");
        if (!retag && !recontext) {
            return repository.find(key).orElseThrow(() -> ApiError.notFound(publicId));
        }
        List<String> tags = params.commaList("tags");
        Map<String, String> context = context(params);
        return repository.update(key, a -> {
            Asset retagged = retag ? a.withTags(tags) : a;
            return recontext ? retagged.withContext(context) : retagged;
        }).orElseThrow(() -> ApiError.notFound(publicId));
    }

    /**
     * The Upload API's {@code context} action: {@code add} merges the given pairs into each asset's context (a key
     * already there takes the new value), {@code remove_all} empties it.
     *
     * @return the public ids that exist and were updated
     */
    public List<String> context(String cloud, String resourceType, Params params) {
        String command = params.get("command").orElseThrow(() -> ApiError.badRequest("Missing required parameter - command"));
        if (!command.equals("add") && !command.equals("remove_all")) {
            throw ApiError.badRequest("Invalid command " + command + ", must be one of add, remove_all");
        }
        Map<String, String> added = context(params);
        if (command.equals("add") && added.isEmpty()) {
            throw ApiError.badRequest("Missing required parameter - context");
        }
        List<String> publicIds = params.list("public_ids");
        if (publicIds.isEmpty()) {
            throw ApiError.badRequest("Missing required parameter - public_ids");
        }
        String type = deliveryType(params);
        List<String> updated = new ArrayList<>();
        for (String publicId : publicIds) {
            Optional<Asset> changed = repository.update(new AssetKey(cloud, resourceType, type, publicId), asset -> {
                if (command.equals("remove_all")) {
                    return asset.withContext(Map.of());
                }
                Map<String, String> merged = new LinkedHashMap<>(asset.context());
                merged.putAll(added);
                return asset.withContext(merged);
            });
            if (changed.isPresent()) {
                updated.add(publicId);
            }
        }
        return updated;
    }

    /** @return the public ids that exist and were updated */
    public List<String> tags(String cloud, String resourceType, Params params) {
        String command = params.get("command").orElseThrow(() -> ApiError.badRequest("Missing required parameter - command"));
        List<String> tags = params.commaList("tag");
        if (!command.equals("remove_all") && tags.isEmpty()) {
            throw ApiError.badRequest("Missing required parameter - tag");
        }
        String type = deliveryType(params);
        List<String> updated = new ArrayList<>();
        for (String publicId : params.list("public_ids")) {
            Optional<Asset> changed = repository.update(new AssetKey(cloud, resourceType, type, publicId), asset -> {
                List<String> current = new ArrayList<>(asset.tags());
                switch (command) {
                    case "add" -> tags.stream().filter(t -> !current.contains(t)).forEach(current::add);
                    case "remove" -> current.removeAll(tags);
                    case "replace" -> {
                        current.clear();
                        current.addAll(tags);
                    }
                    case "remove_all" -> current.clear();
                    case "set_exclusive" -> {
                        current.clear();
                        current.addAll(tags);
                    }
                    default -> throw ApiError.badRequest("Invalid command " + command);
                }
                return asset.withTags(current);
            });
            if (changed.isPresent()) {
                updated.add(publicId);
            }
        }
        if (command.equals("set_exclusive")) {
            // the tag moves to these assets only
            Set<String> keep = Set.copyOf(updated);
            for (Asset other : repository.select(cloud, a -> a.resourceType().equals(resourceType)
                    && !keep.contains(a.publicId()) && a.tags().stream().anyMatch(tags::contains),
                    ResourceRepository.BY_PUBLIC_ID)) {
                repository.update(AssetKey.of(other),
                        a -> a.withTags(a.tags().stream().filter(t -> !tags.contains(t)).toList()));
            }
        }
        return updated;
    }

    /**
     * A page of assets. With a prefix they come in public-id order, otherwise newest first (or oldest first with
     * {@code direction=asc}). The cursor names the last asset returned, so assets deleted between pages never make
     * the next page skip others.
     */
    public Page list(String cloud, Predicate<Asset> filter, boolean byPublicId, boolean ascending, int maxResults,
            Optional<String> cursor) {
        if (maxResults < 1 || maxResults > 500) {
            throw ApiError.badRequest("max_results must be between 1 and 500, got " + maxResults);
        }
        Comparator<Asset> order = byPublicId ? ResourceRepository.BY_PUBLIC_ID
                : ascending ? ResourceRepository.NEWEST_FIRST.reversed() : ResourceRepository.NEWEST_FIRST;
        Predicate<Asset> after = cursor.map(c -> afterCursor(c, order)).orElse(a -> true);
        List<Asset> selected = repository.select(cloud, filter.and(after), order);
        if (selected.size() <= maxResults) {
            return new Page(selected, null);
        }
        List<Asset> page = selected.subList(0, maxResults);
        return new Page(List.copyOf(page), cursorOf(page.get(page.size() - 1)));
    }

    public Deleted deleteByIds(String cloud, String resourceType, String type, List<String> publicIds) throws IOException {
        if (publicIds.size() > 100) {
            throw ApiError.badRequest("Too many public_ids: " + publicIds.size() + ", at most 100 per call");
        }
        Map<String, String> results = new LinkedHashMap<>();
        for (String publicId : publicIds) {
            Optional<Asset> removed = repository.remove(new AssetKey(cloud, resourceType, type, publicId));
            if (removed.isPresent()) {
                blobs.delete(removed.get().blobKey());
            }
            results.put(publicId, removed.isPresent() ? "deleted" : "not_found");
        }
        return new Deleted(results, false, null);
    }

    /** Deletes what matches, at most 1,000 per call as Cloudinary does; the rest waits for the next call. */
    public Deleted deleteMatching(String cloud, Predicate<Asset> filter) throws IOException {
        List<Asset> matching = repository.select(cloud, filter, ResourceRepository.BY_PUBLIC_ID);
        Map<String, String> results = new LinkedHashMap<>();
        for (Asset asset : matching.subList(0, Math.min(MAX_DELETE_PER_CALL, matching.size()))) {
            if (repository.remove(AssetKey.of(asset)).isPresent()) {
                blobs.delete(asset.blobKey());
                results.put(asset.publicId(), "deleted");
            }
        }
        boolean partial = matching.size() > MAX_DELETE_PER_CALL;
        return new Deleted(results, partial, partial ? hex32() : null);
    }

    /**
     * Moves the creation time of matching assets into the past, as if they had been uploaded that much earlier, so that
     * clients' age rules can be tested without waiting.
     *
     * @return how many assets were moved
     */
    public int backdate(String cloud, Predicate<Asset> filter, Duration by) {
        if (by.isNegative()) {
            throw ApiError.badRequest("Assets can only be moved into the past, got " + by);
        }
        int moved = 0;
        for (Asset asset : repository.select(cloud, filter, ResourceRepository.BY_PUBLIC_ID)) {
            if (repository.update(AssetKey.of(asset), a -> a.withCreatedAt(a.createdAt().minus(by))).isPresent()) {
                moved++;
            }
        }
        return moved;
    }

    /** What {@link #seed} creates: {@code count} assets named {@code prefix + index + suffix}. */
    /** @param context each seeded asset's structured context, as uploads give it */
    public record Seed(String resourceType, String type, String prefix, String suffix, int count, int bytes,
            List<String> tags, Instant createdAt, Map<String, String> context) {
    }

    /**
     * Creates many small assets at once, without the Upload API, for tests and benchmarks that need large accounts.
     * Each gets its own bytes (zeros), so deleting one never affects another. Existing assets of the same public id
     * are replaced.
     */
    public int seed(String cloud, Seed seed) throws IOException {
        requireResourceType(seed.resourceType());
        if (!DELIVERY_TYPES.contains(seed.type())) {
            throw ApiError.badRequest("Invalid type " + seed.type());
        }
        if (seed.count() < 0 || seed.bytes() < 0) {
            throw ApiError.badRequest("count and bytes must not be negative");
        }
        // second precision, as uploads have: cursors carry seconds
        Instant createdAt = Instant.ofEpochSecond(seed.createdAt().getEpochSecond());
        String format = seed.resourceType().equals("raw") ? null : PublicIds.extension("x" + seed.suffix());
        String idSuffix = format == null ? seed.suffix() : "";
        int digits = Integer.toString(Math.max(seed.count() - 1, 0)).length();
        for (int i = 0; i < seed.count(); i++) {
            String publicId = seed.prefix() + String.format("%0" + digits + "d", i) + idSuffix;
            String problem = PublicIds.problem(publicId);
            if (problem != null) {
                throw ApiError.badRequest(problem);
            }
            StoredBlob blob = blobs.write(new java.io.ByteArrayInputStream(new byte[seed.bytes()]));
            Asset asset = new Asset(cloud, seed.resourceType(), seed.type(), publicId, format,
                    createdAt.getEpochSecond(), hex32(), hex32(), blob.size(), null, null, blob.md5Hex(), createdAt,
                    seed.tags(), seed.context(), null, blob.key());
            Optional<Asset> replaced = repository.find(AssetKey.of(asset));
            repository.put(asset);
            if (replaced.isPresent()) {
                blobs.delete(replaced.get().blobKey());
            }
        }
        return seed.count();
    }

    public InputStream open(Asset asset) throws IOException {
        return blobs.open(asset.blobKey());
    }

    public static String deliveryType(Params params) {
        String type = params.get("type").orElse("upload");
        if (!DELIVERY_TYPES.contains(type)) {
            throw ApiError.badRequest("Invalid type " + type + ", must be one of upload, private, authenticated");
        }
        return type;
    }

    public static void requireResourceType(String resourceType) {
        if (!RESOURCE_TYPES.contains(resourceType)) {
            throw ApiError.badRequest("Invalid resource type " + resourceType);
        }
    }

    private MediaInfo inspect(StoredBlob blob) throws IOException {
        byte[] head = new byte[(int) Math.min(MediaInspector.HEAD_SIZE, blob.size())];
        int read = 0;
        try (InputStream in = blobs.open(blob.key())) {
            while (read < head.length) {
                int n = in.read(head, read, head.length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
        }
        return MediaInspector.inspect(head, read);
    }

    private static String publicId(Params params, String resourceType, String filename) {
        Optional<String> given = params.get("public_id");
        String publicId;
        if (given.isPresent()) {
            publicId = given.get();
        } else {
            boolean named = params.flag("use_filename", false) && filename != null && !filename.equals("file");
            publicId = named ? PublicIds.fromFilename(filename, params.flag("unique_filename", true)) : PublicIds.random();
            String extension = PublicIds.extension(filename);
            if (resourceType.equals("raw") && extension != null) {
                publicId = publicId + "." + extension;
            }
        }
        Optional<String> folder = params.get("folder").map(f -> f.replaceAll("^/+|/+$", "")).filter(f -> !f.isEmpty());
        if (folder.isPresent()) {
            // fixed folder mode: the folder is part of the public id
            publicId = folder.get() + "/" + publicId;
        }
        String problem = PublicIds.problem(publicId);
        if (problem != null) {
            throw ApiError.badRequest(problem);
        }
        return publicId;
    }

    private static Map<String, String> context(Params params) {
        return params.get("context").map(ContextField::parse).orElse(Map.of());
    }

    private static String cursorOf(Asset last) {
        // every field the orders compare, so that no two listed assets share a cursor
        String key = last.createdAt().getEpochSecond() + "|" + last.version() + "|" + last.type() + "|"
                + last.publicId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static Predicate<Asset> afterCursor(String cursor, Comparator<Asset> order) {
        String[] key;
        try {
            // the public id comes last: it may itself contain '|'
            key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 4);
            Asset marker = new Asset("", "", key[2], key[3], null, Long.parseLong(key[1]), "", "", 0, null, null, "",
                    Instant.ofEpochSecond(Long.parseLong(key[0])), List.of(), Map.of(), null, "");
            return a -> order.compare(a, marker) > 0;
        } catch (RuntimeException e) {
            throw ApiError.badRequest("Invalid next_cursor");
        }
    }

    static String hex32() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
