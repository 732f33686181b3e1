package io.quarkiverse.cloudinary.storage.emulator.delivery;

import java.util.Locale;
import java.util.Map;

/** Response {@code Content-Type} by Cloudinary format name or file extension. */
public final class ContentTypes {

    static final String OCTET_STREAM = "application/octet-stream";

    private static final Map<String, String> BY_FORMAT = Map.ofEntries(
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("jpe", "image/jpeg"), Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"),
            Map.entry("bmp", "image/bmp"), Map.entry("tiff", "image/tiff"), Map.entry("tif", "image/tiff"),
            Map.entry("svg", "image/svg+xml"), Map.entry("ico", "image/x-icon"), Map.entry("avif", "image/avif"),
            Map.entry("heic", "image/heic"), Map.entry("heif", "image/heif"), Map.entry("jxl", "image/jxl"),
            Map.entry("mp4", "video/mp4"), Map.entry("m4v", "video/mp4"), Map.entry("mov", "video/quicktime"),
            Map.entry("webm", "video/webm"), Map.entry("mkv", "video/x-matroska"), Map.entry("avi", "video/x-msvideo"),
            Map.entry("flv", "video/x-flv"), Map.entry("ogv", "video/ogg"), Map.entry("mpeg", "video/mpeg"),
            Map.entry("mpg", "video/mpeg"), Map.entry("ts", "video/mp2t"), Map.entry("m2ts", "video/mp2t"),
            Map.entry("3gp", "video/3gpp"), Map.entry("wmv", "video/x-ms-wmv"), Map.entry("m3u8",
                    "application/vnd.apple.mpegurl"),
            Map.entry("mp3", "audio/mpeg"), Map.entry("m4a", "audio/mp4"), Map.entry("ogg", "audio/ogg"),
            Map.entry("wav", "audio/wav"), Map.entry("flac", "audio/flac"), Map.entry("aac", "audio/aac"),
            Map.entry("pdf", "application/pdf"), Map.entry("txt", "text/plain"), Map.entry("csv", "text/csv"),
            Map.entry("html", "text/html"), Map.entry("htm", "text/html"), Map.entry("css", "text/css"),
            Map.entry("js", "text/javascript"), Map.entry("mjs", "text/javascript"), Map.entry("json", "application/json"),
            Map.entry("xml", "application/xml"), Map.entry("zip", "application/zip"), Map.entry("gz", "application/gzip"),
            Map.entry("tar", "application/x-tar"), Map.entry("woff", "font/woff"), Map.entry("woff2", "font/woff2"),
            Map.entry("ttf", "font/ttf"), Map.entry("otf", "font/otf"), Map.entry("md", "text/markdown"),
            Map.entry("map", "application/json"), Map.entry("wasm", "application/wasm"));

    private ContentTypes() {
    }

    public static String forFormat(String format) {
        return format == null ? OCTET_STREAM : BY_FORMAT.getOrDefault(format.toLowerCase(Locale.ROOT), OCTET_STREAM);
    }

    /** For raw files: the public id's own extension decides. */
    public static String forFileName(String name) {
        int slash = name.lastIndexOf('/');
        int dot = name.lastIndexOf('.');
        return dot > slash + 1 ? forFormat(name.substring(dot + 1)) : OCTET_STREAM;
    }

    static String canonical(String format) {
        String f = format == null ? null : format.toLowerCase(Locale.ROOT);
        if ("jpeg".equals(f) || "jpe".equals(f)) {
            return "jpg";
        }
        return "tif".equals(f) ? "tiff" : f;
    }
}
