package io.quarkiverse.cloudinary.storage.ownership;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkiverse.cloudinary.storage.client.CloudinarySettings;
import io.quarkiverse.cloudinary.storage.config.CloudinaryBuildTimeConfig;
import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;
import io.quarkiverse.cloudinary.storage.media.MediaName;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Whose files are whose on a Cloudinary account that several applications and environments share.
 * <p>
 * Every file this extension uploads carries the owner as the structured context entry {@value #OWNER_KEY}, which
 * Cloudinary stores with the file and returns in listings; the cleanups delete only files that carry this application's
 * owner (or, when {@code quarkus.cloudinary.adopt-unmarked} is on, no owner at all). Media uploads also carry a mark of
 * their own ({@value #UPLOAD_KEY}), so that a retried upload that finds its name taken can tell its own first attempt
 * from another application's file.
 */
@Singleton
public class StorageOwner {

    /** Context key of the owner mark. */
    public static final String OWNER_KEY = "quarkus_storage_owner";
    /** Context key of the mark that tells one upload call's attempts from everything else. */
    public static final String UPLOAD_KEY = "quarkus_storage_upload";
    /**
     * Context key of a media file's stored name, extension included: the public id of an image or video has none, and
     * the orphan cleanup asks the database for the exact stored name.
     */
    public static final String NAME_KEY = "quarkus_storage_name";

    private static final int MAX_OWNER_LENGTH = 200;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How a listed file relates to this application. */
    public enum Relation {
        /** It carries this application's owner mark. */
        OWNED,
        /** It carries no owner mark: uploaded before marks existed, by hand, or by another tool. */
        UNMARKED,
        /** It carries another owner's mark. */
        OTHER
    }

    private final String owner;
    private final boolean adoptUnmarked;
    private final String cloudName;
    private final boolean emulated;
    private final boolean emulatedAsConfigured;

    public StorageOwner(CloudinaryRuntimeConfig config, CloudinaryBuildTimeConfig buildConfig,
            CloudinarySettings settings) {
        this.owner = config.owner().map(String::strip).orElseGet(StorageOwner::defaultOwner);
        if (owner.isEmpty() || owner.length() > MAX_OWNER_LENGTH || owner.chars().anyMatch(Character::isISOControl)) {
            throw new ConfigurationException("quarkus.cloudinary.owner must be 1 to " + MAX_OWNER_LENGTH
                    + " characters without control characters, got '" + owner + "'");
        }
        this.adoptUnmarked = config.adoptUnmarked();
        this.cloudName = settings.credentials().cloudName();
        this.emulatedAsConfigured = config.emulator().isPresent();
        this.emulated = config.emulator()
                .orElseGet(() -> settings.apiBaseUrl().map(StorageOwner::isLoopback).orElse(false));
        checkScopesApart(config, buildConfig);
    }

    /** The owner mark of this application's files. */
    public String owner() {
        return owner;
    }

    /** Whether the cleanups treat files without any owner mark as this application's. */
    public boolean adoptsUnmarked() {
        return adoptUnmarked;
    }

    public String cloudName() {
        return cloudName;
    }

    /**
     * Whether the application talks to a real Cloudinary account, not to an emulator: as configured, else whether the
     * API is reached through a loopback address, which Cloudinary never is.
     */
    public boolean realAccount() {
        return !emulated;
    }

    /** Whether {@code quarkus.cloudinary.emulator} says what the account is, rather than its address. */
    public boolean accountKindConfigured() {
        return emulatedAsConfigured;
    }

    /** The context of an upload that needs no mark of its own: static resources, manifest records. */
    public Map<String, String> context() {
        return Map.of(OWNER_KEY, owner);
    }

    /** The context of a media upload: the owner and the call's own mark. */
    public Map<String, String> context(String uploadMark) {
        Map<String, String> context = new LinkedHashMap<>();
        context.put(OWNER_KEY, owner);
        context.put(UPLOAD_KEY, uploadMark);
        return context;
    }

    /** The context of a media upload under a stored name: the owner, the call's own mark and the name. */
    public Map<String, String> context(String uploadMark, String storedName) {
        Map<String, String> context = context(uploadMark);
        context.put(NAME_KEY, storedName);
        return context;
    }

    /** A new mark for one upload call, the same for all its attempts. */
    public static String newUploadMark() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** @param mark the owner mark a file carries, {@code null} when none */
    public Relation relation(String mark) {
        if (mark == null || mark.isEmpty()) {
            return Relation.UNMARKED;
        }
        return mark.equals(owner) ? Relation.OWNED : Relation.OTHER;
    }

    /** Whether a cleanup may treat a file carrying this owner mark ({@code null} for none) as this application's. */
    public boolean owns(String mark) {
        Relation relation = relation(mark);
        return relation == Relation.OWNED || relation == Relation.UNMARKED && adoptUnmarked;
    }

    /** Whether a cleanup may treat a file, as Cloudinary described it with {@code context=true}, as this application's. */
    public boolean owns(Map<?, ?> resource) {
        return owns(contextValue(resource, OWNER_KEY).orElse(null));
    }

    /** A value of the structured context of a file as Cloudinary returns it: {@code "context": {"custom": {...}}}. */
    public static Optional<String> contextValue(Map<?, ?> resource, String key) {
        if (resource.get("context") instanceof Map<?, ?> context) {
            Object custom = context.get("custom");
            // some answers give the entries directly, without the "custom" level
            Map<?, ?> entries = custom instanceof Map<?, ?> map ? map : context;
            Object value = entries.get(key);
            if (value != null && !value.toString().isEmpty()) {
                return Optional.of(value.toString());
            }
        }
        return Optional.empty();
    }

    /** Whether a listed file carries a tag; listings give tags only when asked with {@code tags=true}. */
    public static boolean hasTag(Map<?, ?> resource, String tag) {
        return resource.get("tags") instanceof List<?> tags && tags.contains(tag);
    }

    private static String defaultOwner() {
        String application = ConfigProvider.getConfig().getOptionalValue("quarkus.application.name", String.class)
                .filter(name -> !name.isBlank()).orElse("application");
        return application + ":" + String.join(",", ConfigUtils.getProfiles());
    }

    /**
     * Media and static resources are told apart by their tag and their folder: if both can match one file, one
     * cleanup would judge the other's files by the wrong rules.
     */
    private static void checkScopesApart(CloudinaryRuntimeConfig config, CloudinaryBuildTimeConfig buildConfig) {
        if (!buildConfig.staticResources().enabled()) {
            return;
        }
        String mediaTag = config.media().tag().strip();
        String staticTag = config.staticResources().tag().strip();
        if (mediaTag.equals(staticTag)) {
            throw new ConfigurationException("quarkus.cloudinary.media.tag and quarkus.cloudinary.static.tag are both '"
                    + mediaTag + "': the orphan cleanup would judge static resources, and the redundant static"
                    + " cleanup media files. Give them different tags.");
        }
        String mediaFolder = MediaName.folder(config.media().prefix());
        String staticFolder = MediaName.folder(Optional.of(buildConfig.staticResources().prefix()));
        if (!mediaFolder.isEmpty() && (mediaFolder.startsWith(staticFolder) || staticFolder.startsWith(mediaFolder))) {
            throw new ConfigurationException("quarkus.cloudinary.media.prefix ('" + mediaFolder
                    + "') and quarkus.cloudinary.static.prefix ('" + staticFolder + "') overlap: one folder lies inside"
                    + " the other. Give media and static resources folders apart.");
        }
    }

    private static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        // only literal addresses: resolving a name here could block on DNS at startup
        if (!host.matches("[0-9.]+") && !host.startsWith("[")) {
            return false;
        }
        try {
            return InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host)
                    .isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
