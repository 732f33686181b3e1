package io.quarkiverse.cloudinary.storage.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;

import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.cloudinary.Transformation;
import com.cloudinary.Url;

import io.quarkiverse.cloudinary.storage.CloudinaryBadRequestException;
import io.quarkiverse.cloudinary.storage.CloudinaryNotFoundException;
import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.client.ResourcePages;
import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;
import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig.DeliveryType;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;

/**
 * Stores files of one Cloudinary resource type under names the application chooses, and reads them back.
 * <p>
 * Names: {@link #save} puts the configured media prefix in front, checks the name before any request
 * ({@link io.quarkiverse.cloudinary.storage.InvalidMediaNameException}), and returns the stored name to keep in the
 * database; every other method takes stored names. Every upload carries the media tag, by which orphan cleanup finds
 * media files. Failures arrive as {@link io.quarkiverse.cloudinary.storage.CloudinaryException}s; idempotent calls are
 * retried as {@code quarkus.cloudinary.retry.*} says. A failed save leaves no file behind, also when Cloudinary stores
 * it after the call gave up waiting (see {@link UploadLeftovers}). Per-file calls (exists, size) use the Upload API,
 * which is not rate limited, never the Admin API.
 */
public abstract class CloudinaryStorage {

    private static final int MAX_NAME_ATTEMPTS = 5;

    private final CloudinaryResourceType resourceType;
    private final DeliveryType deliveryType;
    private final CloudinaryOperations operations;
    private final MediaDownloads downloads;
    private final CloudinaryRuntimeConfig.Media config;
    private final StorageOwner owner;
    private final UploadLeftovers leftovers;

    protected CloudinaryStorage(CloudinaryResourceType resourceType, DeliveryType deliveryType,
            CloudinaryOperations operations, MediaDownloads downloads, CloudinaryRuntimeConfig.Media config,
            StorageOwner owner) {
        this.owner = owner;
        this.resourceType = resourceType;
        this.deliveryType = deliveryType;
        this.operations = operations;
        this.downloads = downloads;
        this.config = config;
        this.leftovers = new UploadLeftovers(this, operations.settings().deadline());
    }

    public CloudinaryResourceType resourceType() {
        return resourceType;
    }

    public DeliveryType deliveryType() {
        return deliveryType;
    }

    /**
     * The folder every stored name starts with, from {@code quarkus.cloudinary.media.prefix}: {@code media/}, or
     * {@code ""} without a prefix.
     */
    public String folder() {
        return MediaName.folder(config.prefix());
    }

    /**
     * Stores a stream of unknown length. Up to the chunked-upload threshold it is spooled to a temporary file, above it
     * it is sent in chunks; the heap holds at most about two chunks either way.
     *
     * @return the stored name; a unique suffix is added when the name is taken
     */
    public String save(String name, InputStream content) {
        return save(name, content, -1, false);
    }

    /**
     * @param length the stream's length, or -1 when unknown
     * @param overwrite replace a stored file of the same name instead of choosing a unique name
     */
    public String save(String name, InputStream content, long length, boolean overwrite) {
        return save(name, content, length, overwrite, UploadListener.NONE);
    }

    /**
     * @param listener hears each name the file is sent under, with this save's upload mark
     */
    public String save(String name, InputStream content, long length, boolean overwrite, UploadListener listener) {
        return measured(listener, sending -> {
            String stored = MediaName.stored(config.prefix(), name);
            InputStream checked = checkContent(name, content);
            try (UploadSource source = UploadSource.of(checked, length, config.chunkedUploadThreshold().asLongValue())) {
                return store(stored, source, overwrite, sending);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read the content of " + name, e);
            }
        });
    }

    /** Stores a file. */
    public String save(String name, Path file) {
        return save(name, file, false);
    }

    public String save(String name, Path file, boolean overwrite) {
        return save(name, file, overwrite, UploadListener.NONE);
    }

    /**
     * @param listener hears each name the file is sent under, with this save's upload mark
     */
    public String save(String name, Path file, boolean overwrite, UploadListener listener) {
        return measured(listener, sending -> {
            String stored = MediaName.stored(config.prefix(), name);
            checkContent(name, file);
            try (UploadSource source = UploadSource.of(file, config.chunkedUploadThreshold().asLongValue())) {
                return store(stored, source, overwrite, sending);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + file, e);
            }
        });
    }

    /** Stores a file received by a Quarkus REST multipart endpoint. */
    public String save(String name, FileUpload upload) {
        return save(name, upload.uploadedFile(), false);
    }

    /** Opens a stored file. The caller closes the stream. */
    public InputStream open(String storedName) {
        MediaName.validate(storedName);
        return downloads.open("download of " + storedName, originalUrl(storedName), null);
    }

    /**
     * Opens part of a stored file, as video players seek.
     *
     * @param first offset of the first byte
     * @param last offset of the last byte, inclusive
     */
    public InputStream open(String storedName, long first, long last) {
        MediaName.validate(storedName);
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("Invalid byte range " + first + "-" + last);
        }
        return downloads.open("download of " + storedName, originalUrl(storedName), "bytes=" + first + "-" + last);
    }

    /**
     * Deletes a stored file and purges CDN copies. Idempotent.
     *
     * @return whether the file existed
     */
    public boolean delete(String storedName) {
        MediaName.validate(storedName);
        long started = System.nanoTime();
        boolean existed;
        try {
            Map<?, ?> result = operations.uploadIdempotent("delete of " + storedName, (uploader, options) -> {
                withIdentity(options);
                options.put("invalidate", true);
                return uploader.destroy(publicId(storedName), options);
            });
            existed = "ok".equals(result.get("result"));
        } catch (RuntimeException e) {
            operations.metrics().deleteFailed(resourceType, e, Duration.ofNanos(System.nanoTime() - started));
            throw e;
        }
        operations.metrics().deleted(resourceType, existed, Duration.ofNanos(System.nanoTime() - started));
        return existed;
    }

    /**
     * Deletes what one save left under a name, and only that: the file is deleted when, asked right before the delete,
     * Cloudinary describes it as carrying that save's upload mark (see {@link UploadListener}). Another file under the
     * name (the name was taken, or the file was replaced since) stays.
     *
     * @return whether a file was deleted
     */
    public boolean deleteOwnUpload(String storedName, String uploadMark) {
        Map<?, ?> current;
        try {
            current = details(storedName);
        } catch (CloudinaryNotFoundException e) {
            return false;
        }
        return isOwnUpload(current, uploadMark) && delete(storedName);
    }

    public boolean exists(String storedName) {
        try {
            details(storedName);
            return true;
        } catch (CloudinaryNotFoundException e) {
            return false;
        }
    }

    /**
     * @throws CloudinaryNotFoundException when nothing is stored under that name
     */
    public long size(String storedName) {
        Object bytes = details(storedName).get("bytes");
        if (!(bytes instanceof Number number)) {
            throw new CloudinaryBadRequestException("size of " + storedName, 0,
                    "Cloudinary's answer carries no size: " + bytes, null);
        }
        return number.longValue();
    }

    /** The delivery URL of a stored file; signed when the delivery type requires it. */
    public String url(String storedName) {
        return url(storedName, null);
    }

    /**
     * The delivery URL of a derived version, for example
     * {@code url(name, new Transformation<>().width(200).height(200).crop("fill"))}.
     */
    public String url(String storedName, Transformation<?> transformation) {
        MediaName.validate(storedName);
        Url url = sdkUrl(storedName);
        MediaName.extension(storedName).filter(ext -> !resourceType.keepsExtensionInPublicId()).ifPresent(url::format);
        if (transformation != null) {
            url.transformation(transformation);
        }
        return url.generate(publicId(storedName));
    }

    /**
     * A download URL of the original that stops working at {@code expiresAt}, for private and authenticated files.
     */
    public String expiringUrl(String storedName, Instant expiresAt) {
        MediaName.validate(storedName);
        Map<String, Object> options = new HashMap<>();
        withIdentity(options);
        options.put("expires_at", expiresAt.getEpochSecond());
        String format = MediaName.extension(storedName).filter(ext -> !resourceType.keepsExtensionInPublicId())
                .orElse("");
        try {
            return operations.cloudinary().privateDownload(publicId(storedName), format, options);
        } catch (Exception e) {
            throw new IllegalStateException("Could not sign a download URL for " + storedName, e);
        }
    }

    /** A download URL of the original valid for {@code validity}. */
    public String expiringUrl(String storedName, Duration validity) {
        return expiringUrl(storedName, Instant.now().plus(validity));
    }

    /**
     * The files and sub-folders directly in a folder (a stored-name path such as {@code media/avatars}, or {@code ""}
     * for the root). This pages through the Admin API, which is rate limited: it is meant for tools, not for requests.
     */
    public FolderListing list(String folder) {
        String prefix = folder == null || folder.isEmpty() ? "" : MediaName.trimSlashes(folder) + "/";
        if (!prefix.isEmpty()) {
            MediaName.validate(prefix.substring(0, prefix.length() - 1));
        }
        TreeSet<String> files = new TreeSet<>();
        TreeSet<String> folders = new TreeSet<>();
        ResourcePages pages = new ResourcePages(operations, "listing of " + (prefix.isEmpty() ? "/" : prefix),
                (api, options) -> {
                    options.put("resource_type", resourceType.cloudinaryName());
                    options.put("type", deliveryType.cloudinaryName());
                    if (!prefix.isEmpty()) {
                        options.put("prefix", prefix);
                    }
                    return api.resources(options);
                });
        while (pages.hasNext()) {
            for (Map<?, ?> resource : pages.next()) {
                String publicId = resource.get("public_id").toString();
                String rest = publicId.substring(prefix.length());
                int slash = rest.indexOf('/');
                if (slash < 0) {
                    Object format = resource.get("format");
                    files.add(MediaName.fromPublicId(resourceType, publicId, format == null ? null : format.toString()));
                } else {
                    folders.add(prefix + rest.substring(0, slash));
                }
            }
        }
        return new FolderListing(new ArrayList<>(files), new ArrayList<>(folders));
    }

    /**
     * Checks the content before anything is sent; the video storage refuses what is not a video.
     *
     * @return a stream yielding the whole content
     */
    protected InputStream checkContent(String name, InputStream content) {
        return content;
    }

    protected void checkContent(String name, Path file) {
    }

    /** What a save stored: the name and, as Cloudinary counted them, the bytes. */
    private record Stored(String name, long bytes) {

        static Stored of(String name, Map<?, ?> result, long sent) {
            return new Stored(name, result.get("bytes") instanceof Number bytes ? bytes.longValue() : sent);
        }
    }

    /**
     * Runs one save, deletes what it left if it fails (see {@link UploadLeftovers}), and reports it to the metrics,
     * failures and refusals included.
     */
    private String measured(UploadListener listener, Function<UploadListener, Stored> save) {
        long started = System.nanoTime();
        Map<String, String> sent = new LinkedHashMap<>();
        Stored stored;
        try {
            stored = save.apply((name, mark) -> {
                sent.put(name, mark);
                listener.sending(name, mark);
            });
        } catch (RuntimeException | Error e) {
            leftovers.afterFailure(sent, e);
            operations.metrics().uploadFailed(resourceType, e, Duration.ofNanos(System.nanoTime() - started));
            throw e;
        }
        operations.metrics().uploaded(resourceType, stored.bytes(), Duration.ofNanos(System.nanoTime() - started));
        return stored.name();
    }

    private Stored store(String stored, UploadSource source, boolean overwrite, UploadListener listener) {
        if (source instanceof UploadSource.FromFile file) {
            return storeFile(stored, file, overwrite, listener);
        }
        return storeChunked(stored, (UploadSource.Chunked) source, overwrite, listener);
    }

    /**
     * Sends the file under the name, or under a new unique name when the name is taken. A name is this call's own only
     * when the file under it carries this call's upload mark: a retry whose first attempt got through finds its own
     * file that way, and never mistakes another row's identical file for its own, since the caller may delete what it
     * believes it created (a rolled-back transaction does).
     */
    private Stored storeFile(String stored, UploadSource.FromFile file, boolean overwrite, UploadListener listener) {
        String candidate = stored;
        String mark = StorageOwner.newUploadMark();
        for (int attempt = 1;; attempt++) {
            String name = candidate;
            listener.sending(name, mark);
            Map<?, ?> result = operations.uploadIdempotent("upload of " + name, (uploader, options) -> {
                uploadOptions(options, name, overwrite, mark);
                options.put("filename", fileName(name));
                return uploader.upload(file.path().toFile(), options);
            });
            if (overwrite || !Boolean.TRUE.equals(result.get("existing")) || isOwnUpload(result, mark)) {
                return Stored.of(name, result, file.size());
            }
            if (attempt == MAX_NAME_ATTEMPTS) {
                throw new CloudinaryBadRequestException("upload of " + stored, 0,
                        "no free name found after " + attempt + " attempts", null);
            }
            candidate = MediaName.withUniqueSuffix(stored);
        }
    }

    private Stored storeChunked(String stored, UploadSource.Chunked source, boolean overwrite,
            UploadListener listener) {
        String name = stored;
        // a stream can be sent only once: settle the name before sending
        for (int attempt = 1; !overwrite && exists(name); attempt++) {
            if (attempt == MAX_NAME_ATTEMPTS) {
                throw new CloudinaryBadRequestException("upload of " + stored, 0,
                        "no free name found after " + attempt + " attempts", null);
            }
            name = MediaName.withUniqueSuffix(stored);
        }
        String target = name;
        String mark = StorageOwner.newUploadMark();
        listener.sending(target, mark);
        Map<?, ?> result = operations.uploadChunked("chunked upload of " + target, (uploader, options) -> {
            uploadOptions(options, target, overwrite, mark);
            options.put("filename", fileName(target));
            options.put("chunk_size", Math.toIntExact(config.chunkSize().asLongValue()));
            return uploader.uploadLarge(source.stream(), options);
        });
        if (!overwrite && Boolean.TRUE.equals(result.get("existing")) && !isOwnUpload(result, mark)) {
            throw new CloudinaryBadRequestException("upload of " + target, 0,
                    "the name was taken while the file was being sent", null);
        }
        return Stored.of(target, result, -1);
    }

    /** Whether an answer describes the file this upload call sent; an answer without context never does. */
    private static boolean isOwnUpload(Map<?, ?> result, String mark) {
        return StorageOwner.contextValue(result, StorageOwner.UPLOAD_KEY).filter(mark::equals).isPresent();
    }

    private void uploadOptions(Map<String, Object> options, String storedName, boolean overwrite, String mark) {
        withIdentity(options);
        options.put("context", owner.context(mark, storedName));
        options.put("public_id", publicId(storedName));
        options.put("overwrite", overwrite);
        // a replaced file must not linger in CDN caches
        options.put("invalidate", overwrite);
        options.put("use_filename", false);
        options.put("unique_filename", false);
        options.put("tags", List.of(config.tag()));
    }

    private Map<?, ?> details(String storedName) {
        MediaName.validate(storedName);
        return operations.uploadIdempotent("details of " + storedName, (uploader, options) -> {
            withIdentity(options);
            return uploader.explicit(publicId(storedName), options);
        });
    }

    private void withIdentity(Map<String, Object> options) {
        options.put("resource_type", resourceType.cloudinaryName());
        options.put("type", deliveryType.cloudinaryName());
    }

    private String originalUrl(String storedName) {
        // no extension: Cloudinary then serves the stored format unchanged
        return sdkUrl(storedName).generate(publicId(storedName));
    }

    private Url sdkUrl(String storedName) {
        return operations.cloudinary().url()
                .resourceType(resourceType.cloudinaryName())
                .type(deliveryType.cloudinaryName())
                .signed(deliveryType != DeliveryType.UPLOAD);
    }

    private String publicId(String storedName) {
        return MediaName.publicId(resourceType, storedName);
    }

    @PreDestroy
    void stopLookingForLeftovers() {
        leftovers.stop();
    }

    private static String fileName(String storedName) {
        return storedName.substring(storedName.lastIndexOf('/') + 1);
    }

}
