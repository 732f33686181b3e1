package io.quarkiverse.cloudinary.storage.media;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.InvalidMediaNameException;

/**
 * Media names and how they map to Cloudinary public ids. A stored name is what the application keeps in its
 * database, for example {@code media/avatars/cat.jpg}: the configured prefix, the folders, the file name with its
 * extension. The public id is the same for raw files, and the same without extension for images and videos, as
 * Cloudinary forms them.
 */
public final class MediaName {

    static final int MAX_LENGTH = 255;
    private static final String FORBIDDEN = "?&#%<>+\\";
    // a folder shaped like a version would be read as one in delivery URLs
    private static final Pattern VERSION_SEGMENT = Pattern.compile("v\\d+");
    private static final char[] SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private MediaName() {
    }

    /**
     * Checks a name given by the application, with the prefix put in front.
     *
     * @return the stored name
     * @throws InvalidMediaNameException saying what is wrong
     */
    public static String stored(Optional<String> prefix, String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidMediaNameException(name, "it is empty");
        }
        validate(name);
        String stored = prefix.map(p -> trimSlashes(p) + "/" + name).orElse(name);
        validate(stored);
        return stored;
    }

    /**
     * @throws InvalidMediaNameException when the name could be misread as a path outside its folder, cannot be a
     *         Cloudinary public id, or is too long
     */
    public static void validate(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidMediaNameException(name, "it is empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidMediaNameException(name, "it has " + name.length() + " characters, at most " + MAX_LENGTH
                    + " are allowed");
        }
        if (name.startsWith("/")) {
            throw new InvalidMediaNameException(name, "absolute paths are not allowed");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                throw new InvalidMediaNameException(name, "control characters are not allowed");
            }
            if (c == '\\') {
                throw new InvalidMediaNameException(name, "backslashes are not allowed; use '/' between folders");
            }
            if (FORBIDDEN.indexOf(c) >= 0) {
                throw new InvalidMediaNameException(name, "'" + c + "' is not allowed in Cloudinary public ids");
            }
        }
        if (!name.strip().equals(name)) {
            throw new InvalidMediaNameException(name, "leading or trailing white space is not allowed");
        }
        String[] segments = name.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.isEmpty()) {
                throw new InvalidMediaNameException(name, "empty path segments are not allowed");
            }
            if (segment.equals("..") || segment.equals(".")) {
                throw new InvalidMediaNameException(name, "'" + segment + "' segments are not allowed");
            }
            if (i < segments.length - 1 && VERSION_SEGMENT.matcher(segment).matches()) {
                throw new InvalidMediaNameException(name, "a folder named '" + segment
                        + "' would be read as a version in delivery URLs");
            }
        }
    }

    /** The Cloudinary public id of a stored name. */
    public static String publicId(CloudinaryResourceType type, String storedName) {
        if (type.keepsExtensionInPublicId()) {
            return storedName;
        }
        return extensionStart(storedName).map(dot -> storedName.substring(0, dot)).orElse(storedName);
    }

    /** The extension of a stored name, without the dot. */
    public static Optional<String> extension(String storedName) {
        return extensionStart(storedName).map(dot -> storedName.substring(dot + 1));
    }

    /** The stored name of an asset listed by Cloudinary. */
    public static String fromPublicId(CloudinaryResourceType type, String publicId, String format) {
        if (type.keepsExtensionInPublicId() || format == null || format.isEmpty()) {
            return publicId;
        }
        return publicId + "." + format;
    }

    /** The same name with a random suffix before its extension: {@code cat.jpg} → {@code cat_k3x9q2a.jpg}. */
    public static String withUniqueSuffix(String storedName) {
        StringBuilder suffix = new StringBuilder("_");
        for (int i = 0; i < 7; i++) {
            suffix.append(SUFFIX_ALPHABET[ThreadLocalRandom.current().nextInt(SUFFIX_ALPHABET.length)]);
        }
        String candidate = extensionStart(storedName)
                .map(dot -> storedName.substring(0, dot) + suffix + storedName.substring(dot))
                .orElse(storedName + suffix);
        validate(candidate);
        return candidate;
    }

    /**
     * The folder a configured prefix names, as public ids start with it: {@code /media/} → {@code media/}; empty for
     * no prefix.
     */
    public static String folder(Optional<String> prefix) {
        return prefix.map(MediaName::trimSlashes).filter(p -> !p.isEmpty()).map(p -> p + "/").orElse("");
    }

    /** Whether a public id lies under a folder as {@link #folder} gives it; everything lies under the empty one. */
    public static boolean isUnder(String publicId, String folder) {
        return folder.isEmpty() || publicId.startsWith(folder);
    }

    private static Optional<Integer> extensionStart(String name) {
        int slash = name.lastIndexOf('/');
        int dot = name.lastIndexOf('.');
        // a leading dot (".profile") is a name, not an extension
        return dot > slash + 1 && dot < name.length() - 1 ? Optional.of(dot) : Optional.empty();
    }

    /** A path without white space around it and without leading or trailing slashes. */
    public static String trimSlashes(String prefix) {
        String trimmed = prefix.strip();
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
