package io.quarkiverse.cloudinary.storage.emulator.model;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.quarkiverse.cloudinary.storage.emulator.media.MediaInfo;
import io.quarkiverse.cloudinary.storage.emulator.media.MediaInspector;
import io.quarkiverse.cloudinary.storage.emulator.media.MediaKind;
import io.quarkiverse.cloudinary.storage.emulator.store.BlobStore;
import io.quarkiverse.cloudinary.storage.emulator.store.StoredBlob;

/**
 * What the Upload and Admin APIs do to assets, without HTTP: naming, versions, overwrite rules, formats, tags,
 * context, structured metadata, derived versions, folders, delete tokens, listings with cursors, batched deletes.
 */
public final class AssetService {

    /**
     * Largest files per resource type, in bytes. Cloudinary's limits depend on the plan; {@link #PAID_PLAN} is the
     * emulator's default, so that an application can exercise everything a paid account allows (a gigabyte video in
     * chunks, for one), and {@link #FREE_PLAN} is there for applications that must live within the Free plan.
     */
    public record Limits(long image, long video, long raw) {
        /** The Free plan's limits: images 10 MB, videos 100 MB, raw files 10 MB. */
        public static final Limits FREE_PLAN = new Limits(10_485_760, 104_857_600, 10_485_760);
        /**
         * The limits of the paid plan in the {@code usage} example of Cloudinary's Admin API reference: images 150 MB,
         * videos 3,000 MB, raw files 2,000 MB.
         */
        public static final Limits PAID_PLAN = new Limits(157_286_400, 3_145_728_000L, 2_097_152_000L);

        public Limits {
            if (image <= 0 || video <= 0 || raw <= 0) {
                throw new IllegalArgumentException("File size limits must be positive, got image " + image
                        + ", video " + video + ", raw " + raw);
            }
        }

        /** The limit of a resource type; for {@code auto}, whose type is known only at the end, the largest. */
        public long of(String resourceType) {
            return switch (resourceType) {
                case "image" -> image;
                case "video" -> video;
                case "raw" -> raw;
                default -> Math.max(image, Math.max(video, raw));
            };
        }

        /** Cloudinary's refusal of a file above its plan's limit. */
        public static ApiError tooLarge(long got, long maximum) {
            return ApiError.badRequest("File size too large. Got " + got + ". Maximum is " + maximum
                    + ". Upgrade your plan to enjoy higher limits https://www.cloudinary.com/pricing/upgrades/file-limit");
        }
    }

    public static final Set<String> RESOURCE_TYPES = Set.of("image", "video", "raw");
    public static final Set<String> DELIVERY_TYPES = Set.of("upload", "private", "authenticated");
    public static final Set<String> ACCESS_MODES = Set.of("public", "authenticated");
    static final int MAX_DELETE_PER_CALL = 1000;
    /** How long a delete token of {@code return_delete_token} works, as Cloudinary documents. */
    static final Duration DELETE_TOKEN_LIFETIME = Duration.ofMinutes(10);

    /**
     * An upload's (or explicit's) result: the asset, whether it was already there or replaced one, the delete token
     * asked for with {@code return_delete_token}, and the derived versions {@code eager} made.
     */
    public record Uploaded(Asset asset, boolean existing, boolean overwritten, String deleteToken, List<Derived> eager) {
        public Uploaded(Asset asset, boolean existing, boolean overwritten) {
            this(asset, existing, overwritten, null, List.of());
        }
    }

    /** One page of folders, and how many there are in all. */
    public record FolderPage(List<String> paths, String nextCursor, int totalCount) {
    }

    /** One page of a listing. */
    public record Page(List<Asset> assets, String nextCursor) {
    }

    /** What a batched delete did. */
    public record Deleted(Map<String, String> results, boolean partial, String nextCursor) {
    }

    private record DeleteToken(AssetKey key, Instant expiresAt) {
    }

    private final ResourceRepository repository;
    private final BlobStore blobs;
    private final Limits limits;
    private final Renditions renditions;
    private final Map<String, DeleteToken> deleteTokens = new ConcurrentHashMap<>();
    private volatile Clock clock = Clock.systemUTC();

    public AssetService(ResourceRepository repository, BlobStore blobs, Limits limits) {
        this(repository, blobs, limits, Renditions.NONE);
    }

    /** @param renditions converts images for {@code format} and makes {@code eager} derived versions */
    public AssetService(ResourceRepository repository, BlobStore blobs, Limits limits, Renditions renditions) {
        this.repository = repository;
        this.blobs = blobs;
        this.limits = limits;
        this.renditions = renditions;
    }

    /** The clock delete tokens expire by; tests move it. */
    void clock(Clock clock) {
        this.clock = clock;
    }

    /** Forgets what lives outside the repository: the delete tokens. */
    public void forgetTransientState() {
        deleteTokens.clear();
    }

    public Limits limits() {
        return limits;
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
        StoredBlob stored = blob;
        boolean keepBlob = false;
        try {
            MediaInfo info = inspect(stored);
            String resourceType = requestedType.equals("auto") ? info.kind().resourceType() : requestedType;
            requireResourceType(resourceType);
            if (resourceType.equals("image") && info.kind() != MediaKind.IMAGE) {
                throw ApiError.badRequest("Invalid image file");
            }
            if (resourceType.equals("video") && info.kind() != MediaKind.VIDEO) {
                throw ApiError.badRequest("Unsupported video format or file");
            }
            long max = limits.of(resourceType);
            if (stored.size() > max) {
                throw Limits.tooLarge(stored.size(), max);
            }
            String type = deliveryType(params);
            String accessMode = accessMode(params);
            Optional<String> override = params.get("filename_override");
            String nameSource = override.orElse(filename);
            String publicId = publicId(params, resourceType, nameSource, filename);
            String detected = resourceType.equals("raw") ? null
                    : Optional.ofNullable(info.format()).orElse(PublicIds.extension(filename));
            Optional<String> requestedFormat = params.get("format").map(AssetService::canonicalFormat);
            // raw files have no format field: their extension is what a format names
            String have = canonicalFormat(resourceType.equals("raw") ? PublicIds.extension(publicId) : detected);
            checkAllowedFormat(params, resourceType, requestedFormat.orElse(have));
            Map<String, Object> metadata = metadataForNewAsset(cloud, params);
            AssetKey key = new AssetKey(cloud, resourceType, type, publicId);
            Optional<Asset> existing = repository.find(key);
            if (existing.isPresent() && !params.flag("overwrite", true)) {
                return new Uploaded(existing.get(), true, false);
            }
            String format = detected;
            Integer width = info.width();
            Integer height = info.height();
            if (requestedFormat.isPresent() && !requestedFormat.get().equals(have)) {
                if (!resourceType.equals("image")) {
                    throw ApiError.badRequest("The emulator cannot convert " + resourceType + " files (format "
                            + requestedFormat.get() + " asked for a " + (have == null ? "raw" : have) + " file)");
                }
                Renditions.Rendition converted = renditions.convert(read(stored), detected, requestedFormat.get());
                StoredBlob convertedBlob = blobs.write(new ByteArrayInputStream(converted.bytes()));
                blobs.delete(stored.key());
                stored = convertedBlob;
                format = converted.format();
                width = converted.width();
                height = converted.height();
            }
            List<Derived> eager = resourceType.equals("image") ? eager(params, stored, format) : eager(params, null, null);
            Instant now = Instant.now();
            long version = existing.map(e -> Math.max(now.getEpochSecond(), e.version() + 1)).orElse(now.getEpochSecond());
            String originalFilename = params.flag("discard_original_filename", false) || nameSource == null ? null
                    : PublicIds.baseName(nameSource);
            Asset asset = new Asset(cloud, resourceType, type, publicId, format, version,
                    existing.map(Asset::assetId).orElseGet(AssetService::hex32), hex32(), stored.size(), width, height,
                    stored.md5Hex(), Instant.ofEpochSecond(now.getEpochSecond()), params.commaList("tags"),
                    context(params), originalFilename, stored.key(), metadata, accessMode, eager);
            repository.put(asset);
            keepBlob = true;
            if (existing.isPresent()) {
                blobs.delete(existing.get().blobKey());
            }
            String token = null;
            if (params.flag("return_delete_token", false)) {
                token = hex32() + hex32().substring(0, 8);
                deleteTokens.put(token, new DeleteToken(key, clock.instant().plus(DELETE_TOKEN_LIFETIME)));
            }
            return new Uploaded(asset, false, existing.isPresent(), token, eager);
        } finally {
            if (!keepBlob) {
                blobs.delete(stored.key());
            }
        }
    }

    /**
     * The Upload API's {@code delete_by_token}: deletes the asset an upload with {@code return_delete_token=true} made,
     * within ten minutes of the upload, once.
     *
     * @return whether an asset was there to delete
     */
    public boolean deleteByToken(String cloud, String token) throws IOException {
        DeleteToken found = deleteTokens.get(token);
        // messages guessed: Cloudinary documents the ten minutes, not the wording of its refusals
        if (found == null || !found.key().cloudName().equals(cloud) || !deleteTokens.remove(token, found)) {
            throw ApiError.unauthorized("Invalid token");
        }
        if (clock.instant().isAfter(found.expiresAt())) {
            throw ApiError.unauthorized("Stale token - the delete token is valid for 10 minutes after the upload");
        }
        Optional<Asset> removed = repository.remove(found.key());
        if (removed.isPresent()) {
            blobs.delete(removed.get().blobKey());
        }
        return removed.isPresent();
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

    /**
     * The Upload API's {@code explicit}: answers the asset, after replacing its tags and context when given, setting
     * the metadata fields given, and making the derived versions of {@code eager}.
     */
    public Uploaded explicit(String cloud, String resourceType, Params params) throws IOException {
        String publicId = params.get("public_id")
                .orElseThrow(() -> ApiError.badRequest("Missing required parameter - public_id"));
        AssetKey key = new AssetKey(cloud, resourceType, deliveryType(params), publicId);
        Asset current = repository.find(key).orElseThrow(() -> ApiError.notFound(publicId));
        List<Derived> eager = List.of();
        if (params.get("eager").isPresent()) {
            if (!resourceType.equals("image")) {
                eager(params, null, null);
            }
            byte[] original;
            try (InputStream in = open(current)) {
                original = in.readAllBytes();
            }
            eager = eager(params, original, current.format());
        }
        Asset updated = change(key, params, eager);
        return new Uploaded(updated, false, false, null, eager);
    }

    /**
     * The Admin API's {@code update} ({@code POST resources/<rt>/<type>/<public_id>}): replaces the tags and the
     * context when given, sets the metadata fields given.
     */
    public Asset update(String cloud, String resourceType, String type, String publicId, Params params) {
        AssetKey key = new AssetKey(cloud, resourceType, type, publicId);
        repository.find(key).orElseThrow(() -> ApiError.notFound(publicId));
        return change(key, params, List.of());
    }

    /** Tags and context given replace the old ones; metadata given is merged; what is not given stays. */
    private Asset change(AssetKey key, Params params, List<Derived> eager) {
        boolean retag = params.asMap().containsKey("tags");
        boolean recontext = params.asMap().containsKey("context");
        boolean remetadata = params.get("metadata").isPresent();
        List<String> tags = params.commaList("tags");
        Map<String, String> context = context(params);
        Map<String, Object> metadata = remetadata ? parseMetadata(key.cloudName(), params.get("metadata").get())
                : Map.of();
        return repository.update(key, a -> {
            Asset changed = retag ? a.withTags(tags) : a;
            changed = recontext ? changed.withContext(context) : changed;
            changed = remetadata ? changed.withMetadata(merge(changed.metadata(), metadata)) : changed;
            return eager.isEmpty() ? changed : changed.withDerived(eager);
        }).orElseThrow(() -> ApiError.notFound(key.publicId()));
    }

    /**
     * The Upload API's {@code metadata} action: sets the given fields on each asset, keeping the others.
     *
     * @return the public ids that exist and were updated
     */
    public List<String> metadata(String cloud, String resourceType, Params params) {
        String field = params.get("metadata")
                .orElseThrow(() -> ApiError.badRequest("Missing required parameter - metadata"));
        List<String> publicIds = params.list("public_ids");
        if (publicIds.isEmpty()) {
            throw ApiError.badRequest("Missing required parameter - public_ids");
        }
        Map<String, Object> given = parseMetadata(cloud, field);
        String type = deliveryType(params);
        List<String> updated = new ArrayList<>();
        for (String publicId : publicIds) {
            Optional<Asset> changed = repository.update(new AssetKey(cloud, resourceType, type, publicId),
                    asset -> asset.withMetadata(merge(asset.metadata(), given)));
            if (changed.isPresent()) {
                updated.add(publicId);
            }
        }
        return updated;
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

    /** The resource types that have assets in the account, sorted. */
    public List<String> resourceTypes(String cloud) {
        TreeSet<String> types = new TreeSet<>();
        for (Asset asset : repository.select(cloud, a -> true, (a, b) -> 0)) {
            types.add(asset.resourceType());
        }
        return List.copyOf(types);
    }

    public Optional<Asset> findByAssetId(String cloud, String assetId) {
        return repository.select(cloud, a -> a.assetId().equals(assetId), ResourceRepository.BY_PUBLIC_ID).stream()
                .findFirst();
    }

    /** Creates a folder (and the folders above it); creating an existing folder changes nothing. */
    public String createFolder(String cloud, String path) {
        String folder = folderPath(path);
        String problem = PublicIds.folderProblem(folder);
        if (problem != null) {
            throw ApiError.badRequest(problem);
        }
        repository.createFolder(cloud, folder);
        return folder;
    }

    /**
     * Deletes an empty folder and the (empty) folders below it.
     *
     * @return the deleted folders, the given one first
     */
    public List<String> deleteFolder(String cloud, String path) {
        String folder = folderPath(path);
        if (!repository.folderExists(cloud, folder)) {
            throw folderNotFound(folder);
        }
        if (!repository.select(cloud, a -> a.publicId().startsWith(folder + "/"), (a, b) -> 0).isEmpty()) {
            // message guessed: Cloudinary answers 400 for a folder with assets; its wording is not documented
            throw ApiError.badRequest("Folder is not empty");
        }
        return repository.removeFolder(cloud, folder);
    }

    /**
     * A page of the folders directly inside {@code parent} (the root folders when {@code null}), sorted by path.
     *
     * @throws ApiError 404 when the parent folder does not exist
     */
    public FolderPage folders(String cloud, String parent, int maxResults, Optional<String> cursor) {
        if (maxResults < 1 || maxResults > 500) {
            throw ApiError.badRequest("max_results must be between 1 and 500, got " + maxResults);
        }
        String prefix;
        if (parent == null) {
            prefix = "";
        } else {
            String folder = folderPath(parent);
            if (!repository.folderExists(cloud, folder)) {
                throw folderNotFound(folder);
            }
            prefix = folder + "/";
        }
        String after;
        try {
            after = cursor.map(c -> new String(Base64.getUrlDecoder().decode(c), StandardCharsets.UTF_8)).orElse(null);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("Invalid next_cursor");
        }
        List<String> children = repository.folders(cloud).stream()
                .filter(f -> f.startsWith(prefix) && f.indexOf('/', prefix.length()) < 0).toList();
        List<String> rest = children.stream().filter(f -> after == null || f.compareTo(after) > 0).toList();
        if (rest.size() <= maxResults) {
            return new FolderPage(rest, null, children.size());
        }
        List<String> page = rest.subList(0, maxResults);
        String next = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(page.get(page.size() - 1).getBytes(StandardCharsets.UTF_8));
        return new FolderPage(List.copyOf(page), next, children.size());
    }

    private static String folderPath(String path) {
        String folder = path.replaceAll("^/+|/+$", "");
        if (folder.isEmpty()) {
            throw ApiError.badRequest("Missing required parameter - folder");
        }
        return folder;
    }

    private static ApiError folderNotFound(String folder) {
        return new ApiError(404, "Can't find folder with path " + folder);
    }

    /** Adds a metadata field definition; its external id must be new. */
    public MetadataDefinition addMetadataField(String cloud, Map<String, Object> body) {
        MetadataDefinition field = MetadataDefinition.fromRequest(body, PublicIds.random());
        if (!repository.addMetadataField(cloud, field)) {
            throw ApiError.badRequest("external id " + field.externalId() + " already exists");
        }
        return field;
    }

    public MetadataDefinition metadataField(String cloud, String externalId) {
        return repository.metadataField(cloud, externalId).orElseThrow(() -> metadataFieldNotFound(externalId));
    }

    /** Deletes a field definition and the values assets had for it. */
    public void deleteMetadataField(String cloud, String externalId) {
        repository.removeMetadataField(cloud, externalId).orElseThrow(() -> metadataFieldNotFound(externalId));
        for (Asset asset : repository.select(cloud, a -> a.metadata().containsKey(externalId), (a, b) -> 0)) {
            repository.update(AssetKey.of(asset), a -> {
                Map<String, Object> left = new LinkedHashMap<>(a.metadata());
                left.remove(externalId);
                return a.withMetadata(left);
            });
        }
    }

    private static ApiError metadataFieldNotFound(String externalId) {
        // message guessed
        return new ApiError(404, "Metadata field " + externalId + " does not exist");
    }

    /**
     * Reads an upload's {@code metadata} field ({@code external_id=value|...}, escaped as context is) and checks each
     * value against its field.
     *
     * @return the values by field; {@code null} for a field given an empty value, which clears it
     */
    private Map<String, Object> parseMetadata(String cloud, String field) {
        Map<String, Object> values = new LinkedHashMap<>();
        ContextField.parse(field).forEach((externalId, text) -> {
            MetadataDefinition definition = repository.metadataField(cloud, externalId)
                    // message guessed
                    .orElseThrow(() -> ApiError.badRequest("Metadata field " + externalId + " does not exist"));
            if (text.isEmpty()) {
                if (definition.mandatory()) {
                    // message guessed
                    throw ApiError.badRequest("Value for mandatory field " + externalId + " cannot be removed");
                }
                values.put(externalId, null);
            } else {
                values.put(externalId, definition.parse(text));
            }
        });
        return values;
    }

    /** A new asset's metadata: what the upload gives, and the default of every mandatory field it does not give. */
    private Map<String, Object> metadataForNewAsset(String cloud, Params params) {
        Map<String, Object> given = params.get("metadata").map(f -> parseMetadata(cloud, f)).orElse(Map.of());
        Map<String, Object> metadata = merge(Map.of(), given);
        for (MetadataDefinition field : repository.metadataFields(cloud)) {
            if (field.mandatory() && !metadata.containsKey(field.externalId()) && field.defaultValue() != null) {
                metadata.put(field.externalId(), field.defaultValue());
            }
        }
        return metadata;
    }

    private static Map<String, Object> merge(Map<String, Object> current, Map<String, Object> given) {
        Map<String, Object> merged = new LinkedHashMap<>(current);
        given.forEach((field, value) -> {
            if (value == null) {
                merged.remove(field);
            } else {
                merged.put(field, value);
            }
        });
        return merged;
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

    /**
     * An asset in the format a private download asks for.
     *
     * @return the converted image, or empty when the stored bytes are what was asked for
     * @throws ApiError 400 when another format is asked of a file the emulator cannot convert
     */
    public Optional<Renditions.Rendition> inFormat(Asset asset, Optional<String> format) throws IOException {
        if (format.isEmpty()) {
            return Optional.empty();
        }
        String wanted = canonicalFormat(format.get());
        String have = asset.format() != null ? canonicalFormat(asset.format())
                : canonicalFormat(PublicIds.extension(asset.publicId()));
        if (wanted.equals(have)) {
            return Optional.empty();
        }
        if (!asset.resourceType().equals("image")) {
            throw ApiError.badRequest("The emulator cannot convert " + asset.resourceType() + " files (format "
                    + wanted + " asked for " + asset.publicId() + ")");
        }
        try (InputStream in = open(asset)) {
            return Optional.of(renditions.convert(in.readAllBytes(), asset.format(), wanted));
        }
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

    /**
     * @param nameSource the file name that names the asset: {@code filename_override}, else the uploaded file's name
     * @param filename the uploaded file's own name
     */
    private static String publicId(Params params, String resourceType, String nameSource, String filename) {
        Optional<String> given = params.get("public_id");
        String publicId;
        if (given.isPresent()) {
            publicId = given.get();
        } else {
            boolean named = params.flag("use_filename", false) && nameSource != null && !nameSource.equals("file");
            publicId = named ? PublicIds.fromFilename(nameSource, params.flag("unique_filename", true))
                    : PublicIds.random();
            String extension = Optional.ofNullable(PublicIds.extension(nameSource))
                    .orElse(PublicIds.extension(filename));
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

    private static String accessMode(Params params) {
        String mode = params.get("access_mode").orElse(Asset.PUBLIC);
        if (!ACCESS_MODES.contains(mode)) {
            // message guessed
            throw ApiError.badRequest("Invalid access_mode " + mode + ", must be one of public, authenticated");
        }
        return mode;
    }

    /** {@code allowed_formats}: the format the asset will have (after {@code format}) must be one of them. */
    private static void checkAllowedFormat(Params params, String resourceType, String format) {
        List<String> allowed = params.commaList("allowed_formats").stream().map(AssetService::canonicalFormat).toList();
        if (allowed.isEmpty() || format != null && allowed.contains(canonicalFormat(format))) {
            return;
        }
        String kind = Character.toUpperCase(resourceType.charAt(0)) + resourceType.substring(1);
        // "Image file format png not allowed" is what Cloudinary answers for images; video and raw follow it
        throw ApiError.badRequest(kind + " file format " + (format == null ? "unknown" : format) + " not allowed");
    }

    /**
     * The derived versions {@code eager} asks for, made from the image's bytes.
     *
     * @param original the image, or {@code null} for an asset that is no image (refused when eager is given)
     */
    private List<Derived> eager(Params params, Object original, String format) throws IOException {
        Optional<String> eager = params.get("eager");
        if (eager.isEmpty()) {
            return List.of();
        }
        if (original == null) {
            throw ApiError.badRequest("The emulator applies eager transformations to images only");
        }
        byte[] bytes = original instanceof StoredBlob blob ? read(blob) : (byte[]) original;
        List<Derived> derived = new ArrayList<>();
        for (String transformation : eager.get().split("\\|")) {
            if (transformation.isBlank()) {
                continue;
            }
            Renditions.Rendition r = renditions.derive(bytes, format, transformation.strip());
            derived.add(new Derived(hex32(), transformation.strip(), r.format(), r.bytes().length, r.width(),
                    r.height()));
        }
        return derived;
    }

    private byte[] read(StoredBlob blob) throws IOException {
        try (InputStream in = blobs.open(blob.key())) {
            return in.readAllBytes();
        }
    }

    /** One name per format: {@code jpeg} and {@code jpe} are {@code jpg}, {@code tif} is {@code tiff}. */
    static String canonicalFormat(String format) {
        if (format == null) {
            return null;
        }
        String f = format.strip().toLowerCase(Locale.ROOT);
        return switch (f) {
            case "jpeg", "jpe" -> "jpg";
            case "tif" -> "tiff";
            default -> f;
        };
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
