package io.quarkiverse.cloudinary.storage.emulator.model;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** Cloudinary's rules for public ids: what is refused, what is replaced, how missing ones are made up. */
public final class PublicIds {

    static final int MAX_LENGTH = 255;
    private static final String FORBIDDEN = "?&#\\%<>+";
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final Pattern VERSION_FOLDER = Pattern.compile("v\\d+");
    private static final Pattern UNSAFE_IN_FILENAME = Pattern.compile("[^\\p{L}\\p{N}_\\-.]");

    private PublicIds() {
    }

    /** @return why the id is refused, or {@code null} when it is fine */
    public static String problem(String publicId) {
        if (publicId.isEmpty() || publicId.length() > MAX_LENGTH) {
            return "public_id must be between 1 and " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < publicId.length(); i++) {
            if (FORBIDDEN.indexOf(publicId.charAt(i)) >= 0) {
                return "public_id (" + publicId + ") is invalid: '" + publicId.charAt(i) + "' is not allowed";
            }
        }
        if (!publicId.strip().equals(publicId) || publicId.startsWith("/") || publicId.endsWith("/")) {
            return "public_id (" + publicId + ") must not start or end with a space or a slash";
        }
        String[] segments = publicId.split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            if (VERSION_FOLDER.matcher(segments[i]).matches()) {
                return "public_id (" + publicId + ") has a folder named like a version: " + segments[i];
            }
        }
        return null;
    }

    /**
     * Folders are the leading segments of public ids (fixed folder mode), so their names follow the same rules.
     *
     * @return why the folder path is refused, or {@code null} when it is fine
     */
    public static String folderProblem(String path) {
        // message guessed: Cloudinary documents the rules, not the wording of this refusal
        if (path.length() > MAX_LENGTH) {
            return "Folder " + path + " is invalid: longer than " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < path.length(); i++) {
            if (FORBIDDEN.indexOf(path.charAt(i)) >= 0) {
                return "Folder " + path + " is invalid: '" + path.charAt(i) + "' is not allowed";
            }
        }
        for (String segment : path.split("/")) {
            if (segment.isBlank() || !segment.strip().equals(segment)) {
                return "Folder " + path + " is invalid: a folder name is empty or starts or ends with a space";
            }
            if (VERSION_FOLDER.matcher(segment).matches()) {
                return "Folder " + path + " is invalid: " + segment + " reads as a version";
            }
        }
        return null;
    }

    /** 20 random lower-case letters and digits, like Cloudinary's own ids. */
    public static String random() {
        return random(20);
    }

    static String random(int length) {
        StringBuilder id = new StringBuilder(length);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < length; i++) {
            id.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }

    /** The public id {@code use_filename} makes of an uploaded file's name. */
    public static String fromFilename(String filename, boolean unique) {
        String base = baseName(filename);
        String safe = UNSAFE_IN_FILENAME.matcher(base).replaceAll("_");
        safe = safe.replaceAll("^[_.\\-]+|[_.\\-]+$", "");
        if (safe.isEmpty()) {
            safe = "file";
        }
        return unique ? safe + "_" + random(6) : safe;
    }

    /** A file name without folders and without its extension. */
    public static String baseName(String filename) {
        String name = filename.substring(filename.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The extension of a file name, lower case, or {@code null}. */
    public static String extension(String filename) {
        if (filename == null) {
            return null;
        }
        String name = filename.substring(filename.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 && dot < name.length() - 1 ? name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT) : null;
    }
}
