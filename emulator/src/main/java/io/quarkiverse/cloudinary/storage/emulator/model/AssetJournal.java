package io.quarkiverse.cloudinary.storage.emulator.model;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Appends every change of the resource model to a file and replays it at start, so a directory-backed emulator keeps
 * its assets across restarts. One line per change, fields Base64-encoded so no value can break the format. Fields are
 * only ever added at the end of a line, so journals written by older emulators still replay.
 */
final class AssetJournal {

    private static final String PUT = "put";
    private static final String REMOVE = "remove";

    private final Path file;
    private BufferedWriter writer;

    AssetJournal(Path file) {
        this.file = file;
    }

    /** Replays the journal, then rewrites it compactly with only the live assets. */
    synchronized void open(Map<AssetKey, Asset> into) {
        try {
            if (Files.exists(file)) {
                try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        replay(line, (key, asset) -> {
                            if (asset == null) {
                                into.remove(key);
                            } else {
                                into.put(key, asset);
                            }
                        });
                    }
                }
            }
            Path compacted = file.resolveSibling(file.getFileName() + ".tmp");
            try (BufferedWriter out = Files.newBufferedWriter(compacted, StandardCharsets.UTF_8)) {
                for (Asset asset : into.values()) {
                    out.write(encodePut(asset));
                    out.newLine();
                }
            }
            Files.move(compacted, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the asset journal " + file, e);
        }
    }

    synchronized void put(Asset asset) {
        append(encodePut(asset));
    }

    synchronized void remove(AssetKey key) {
        append(String.join(" ", REMOVE, e(key.cloudName()), e(key.resourceType()), e(key.type()), e(key.publicId())));
    }

    synchronized void clear(Collection<Asset> remaining) {
        try {
            writer.close();
            Files.writeString(file, "");
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            for (Asset asset : remaining) {
                put(asset);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void close() {
        try {
            if (writer != null) {
                writer.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void append(String line) {
        try {
            writer.write(line);
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the asset journal " + file, e);
        }
    }

    private static String encodePut(Asset a) {
        return String.join(" ", PUT, e(a.cloudName()), e(a.resourceType()), e(a.type()), e(a.publicId()), e(a.format()),
                e(Long.toString(a.version())), e(a.assetId()), e(a.versionId()), e(Long.toString(a.bytes())),
                e(a.width() == null ? null : a.width().toString()), e(a.height() == null ? null : a.height().toString()),
                e(a.etag()), e(Long.toString(a.createdAt().getEpochSecond())), e(String.join("\n", a.tags())),
                e(a.originalFilename()), e(a.blobKey()), e(encodeContext(a.context())));
    }

    /**
     * Not the Upload API's {@code k=v|k2=v2}: that form cannot hold every value (a value ending in a backslash), so each
     * key and value is Base64-encoded on its own.
     */
    private static String encodeContext(Map<String, String> context) {
        StringBuilder out = new StringBuilder();
        context.forEach((key, value) -> {
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(e(key)).append(':').append(e(value));
        });
        return out.toString();
    }

    private static Map<String, String> decodeContext(String encoded) {
        Map<String, String> context = new LinkedHashMap<>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String pair : encoded.split(",")) {
                int colon = pair.indexOf(':');
                context.put(d(pair.substring(0, colon)), d(pair.substring(colon + 1)));
            }
        }
        return context;
    }

    private static void replay(String line, BiConsumer<AssetKey, Asset> apply) {
        String[] parts = line.split(" ", -1);
        String[] v = Arrays.stream(parts).skip(1).map(AssetJournal::d).toArray(String[]::new);
        if (parts[0].equals(REMOVE)) {
            apply.accept(new AssetKey(v[0], v[1], v[2], v[3]), null);
        } else if (parts[0].equals(PUT)) {
            List<String> tags = v[13].isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(v[13].split("\n")));
            Asset asset = new Asset(v[0], v[1], v[2], v[3], v[4], Long.parseLong(v[5]), v[6], v[7],
                    Long.parseLong(v[8]), v[9] == null ? null : Integer.valueOf(v[9]),
                    v[10] == null ? null : Integer.valueOf(v[10]), v[11], Instant.ofEpochSecond(Long.parseLong(v[12])),
                    tags, v.length > 16 ? decodeContext(v[16]) : Map.of(), v[14], v[15]);
            apply.accept(AssetKey.of(asset), asset);
        }
    }

    private static String e(String value) {
        return value == null ? "-"
                : Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String d(String value) {
        return value.equals("-") ? null : new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
    }
}
