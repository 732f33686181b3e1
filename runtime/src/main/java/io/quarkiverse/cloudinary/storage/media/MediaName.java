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
    private static final int SUFFIX_RANDOM_CHARACTERS = 7;
    private static final int SUFFIX_LENGTH = 1 + SUFFIX_RANDOM_CHARACTERS;
    /** Longer "extensions" are kept as part of the name when a client's name is shortened. */
    private static final int MAX_KEPT_EXTENSION = 16;
    private static final String FALLBACK_CLIENT_NAME = "file";
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

    /**
     * A file name sent by a client (a browser's multipart upload, an API caller), made storable instead of refused: only
     * its last path part is kept, control and invisible formatting characters are dropped, the characters Cloudinary
     * forbids in public ids ({@code ? & # % < > +}) become {@code _}, white space and dots are trimmed from its ends, and
     * a name too long for {@code folder} is shortened, keeping its extension and leaving room for the unique suffix
     * added when the name is taken. A name with nothing left, such as {@code ..}, becomes {@code file}.
     *
     * @param folder the folder the name will be stored in, as stored names start ({@code media/items/}), or {@code ""};
     *        it only counts towards the length
     * @return the cleaned file name, without the folder
     * @throws InvalidMediaNameException when the folder leaves no room for a name
     */
    public static String clientFileName(String folder, String clientName) {
        String given = clientName == null ? "" : clientName;
        // browsers send a bare name, but some clients send a path, with either separator
        String last = given.substring(Math.max(given.lastIndexOf('/'), given.lastIndexOf('\\')) + 1);
        StringBuilder cleaned = new StringBuilder(last.length());
        last.codePoints().forEach(c -> {
            int kind = Character.getType(c);
            // a lone surrogate cannot be encoded in a URL; formatting characters can disguise an extension
            if (kind == Character.CONTROL || kind == Character.FORMAT || kind == Character.SURROGATE) {
                return;
            }
            if (c < 0x80 && FORBIDDEN.indexOf(c) >= 0) {
                cleaned.append('_');
            } else {
                cleaned.appendCodePoint(c);
            }
        });
        String name = trimEnds(cleaned.toString());
        Optional<Integer> dot = extensionStart(name);
        String base = dot.map(d -> name.substring(0, d)).orElse(name);
        String extension = dot.map(name::substring).orElse("");
        if (trimEnds(base).isEmpty()) {
            base = FALLBACK_CLIENT_NAME;
        }
        int room = MAX_LENGTH - SUFFIX_LENGTH - folder.length();
        if (extension.length() > MAX_KEPT_EXTENSION) {
            base = base + extension;
            extension = "";
        }
        if (room < extension.length() + 1) {
            throw new InvalidMediaNameException(folder + given, "the folder '" + folder + "' leaves no room for"
                    + " a file name within " + MAX_LENGTH + " characters");
        }
        if (base.length() + extension.length() > room) {
            base = trimEnds(truncate(base, room - extension.length()));
            if (base.isEmpty()) {
                base = FALLBACK_CLIENT_NAME.substring(0, Math.min(FALLBACK_CLIENT_NAME.length(),
                        room - extension.length()));
            }
        }
        return base + extension;
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
        for (int i = 0; i < SUFFIX_RANDOM_CHARACTERS; i++) {
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

    /** At most {@code length} characters of a text, never cutting a character outside the basic plane in two. */
    private static String truncate(String text, int length) {
        if (text.length() <= length) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length;
        return text.substring(0, end);
    }

    /**
     * Without white space at either end, as Cloudinary trims it, nor dots at the end, which would read as an empty
     * extension. Leading dots stay: {@code .htaccess} is a name.
     */
    private static String trimEnds(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isBlank(text.charAt(start))) {
            start++;
        }
        while (end > start && (isBlank(text.charAt(end - 1)) || text.charAt(end - 1) == '.')) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isBlank(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /**
     * A text as one segment of a public id that names it: ASCII letters, digits, {@code -}, {@code _} and {@code .}
     * stay, anything else becomes {@code _}. Used for owner marks inside the names of manifest records and leases.
     */
    public static String safeSegment(String text) {
        StringBuilder safe = new StringBuilder();
        text.codePoints().forEach(c -> safe.append(c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'
                || c == '.') ? (char) c : '_'));
        return safe.toString();
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
