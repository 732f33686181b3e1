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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quarkiverse.cloudinary.storage.emulator.json.Json;

/**
 * Appends every change of the resource model to a file and replays it at start, so a directory-backed emulator keeps
 * its assets across restarts. One line per change, fields Base64-encoded so no value can break the format. Fields are
 * only ever added at the end of a line, so journals written by older emulators still replay.
 */
final class AssetJournal {

    private static final String PUT = "put";
    private static final String REMOVE = "remove";
    private static final String FOLDER = "folder";
    private static final String UNFOLDER = "unfolder";
    private static final String FIELD = "field";
    private static final String UNFIELD = "unfield";

    private final Path file;
    private BufferedWriter writer;

    AssetJournal(Path file) {
        this.file = file;
    }

    /** What the journal restores: assets, folders and metadata field definitions, each per cloud. */
    record State(Map<AssetKey, Asset> assets, Map<String, Set<String>> folders,
            Map<String, Map<String, MetadataDefinition>> fields) {
    }

    /** Replays the journal, then rewrites it compactly with only what is live. */
    synchronized void open(State into) {
        try {
            if (Files.exists(file)) {
                try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        replay(line, into);
                    }
                }
            }
            Path compacted = file.resolveSibling(file.getFileName() + ".tmp");
            try (BufferedWriter out = Files.newBufferedWriter(compacted, StandardCharsets.UTF_8)) {
                for (Asset asset : into.assets().values()) {
                    out.write(encodePut(asset));
                    out.newLine();
                }
                // folders outlive the assets that made them: they are written on their own
                for (Map.Entry<String, Set<String>> cloud : into.folders().entrySet()) {
                    for (String folder : cloud.getValue()) {
                        out.write(encodeFolder(FOLDER, cloud.getKey(), folder));
                        out.newLine();
                    }
                }
                for (Map.Entry<String, Map<String, MetadataDefinition>> cloud : into.fields().entrySet()) {
                    for (MetadataDefinition field : cloud.getValue().values()) {
                        out.write(encodeField(cloud.getKey(), field));
                        out.newLine();
                    }
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

    synchronized void putFolder(String cloud, String folder) {
        append(encodeFolder(FOLDER, cloud, folder));
    }

    synchronized void removeFolder(String cloud, String folder) {
        append(encodeFolder(UNFOLDER, cloud, folder));
    }

    synchronized void putField(String cloud, MetadataDefinition field) {
        append(encodeField(cloud, field));
    }

    synchronized void removeField(String cloud, String externalId) {
        append(String.join(" ", UNFIELD, e(cloud), e(externalId)));
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
                e(a.originalFilename()), e(a.blobKey()), e(encodeContext(a.context())), e(encodeMetadata(a.metadata())),
                e(a.accessMode()), e(encodeDerived(a.derived())));
    }

    private static String encodeFolder(String kind, String cloud, String folder) {
        return String.join(" ", kind, e(cloud), e(folder));
    }

    private static String encodeField(String cloud, MetadataDefinition field) {
        return String.join(" ", FIELD, e(cloud), e(Json.write(field.toJson())));
    }

    /** Each value with its kind: {@code s} text, {@code i} integer, {@code l} list of ids. */
    private static String encodeMetadata(Map<String, Object> metadata) {
        StringBuilder out = new StringBuilder();
        metadata.forEach((field, value) -> {
            if (!out.isEmpty()) {
                out.append(',');
            }
            String kind = value instanceof Long ? "i" : value instanceof List<?> ? "l" : "s";
            String text = value instanceof List<?> list
                    ? String.join(",", list.stream().map(v -> e(v.toString())).toList())
                    : value.toString();
            out.append(e(field)).append(':').append(kind).append(':').append(e(text));
        });
        return out.toString();
    }

    private static Map<String, Object> decodeMetadata(String encoded) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String entry : encoded.split(",")) {
                String[] parts = entry.split(":", 3);
                String text = d(parts[2]);
                Object value = switch (parts[1]) {
                    case "i" -> Long.valueOf(text);
                    case "l" -> text.isEmpty() ? List.of()
                            : Arrays.stream(text.split(",")).map(AssetJournal::d).toList();
                    default -> text;
                };
                metadata.put(d(parts[0]), value);
            }
        }
        return metadata;
    }

    private static String encodeDerived(List<Derived> derived) {
        return String.join(",", derived.stream().map(x -> String.join(":", e(x.id()), e(x.transformation()),
                e(x.format()), e(Long.toString(x.bytes())), e(Integer.toString(x.width())),
                e(Integer.toString(x.height())))).toList());
    }

    private static List<Derived> decodeDerived(String encoded) {
        List<Derived> derived = new ArrayList<>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String entry : encoded.split(",")) {
                String[] f = Arrays.stream(entry.split(":")).map(AssetJournal::d).toArray(String[]::new);
                derived.add(new Derived(f[0], f[1], f[2], Long.parseLong(f[3]), Integer.parseInt(f[4]),
                        Integer.parseInt(f[5])));
            }
        }
        return derived;
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

    @SuppressWarnings("unchecked")
    private static void replay(String line, State into) {
        String[] parts = line.split(" ", -1);
        String[] v = Arrays.stream(parts).skip(1).map(AssetJournal::d).toArray(String[]::new);
        switch (parts[0]) {
            case REMOVE -> into.assets().remove(new AssetKey(v[0], v[1], v[2], v[3]));
            case PUT -> {
                List<String> tags = v[13].isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(v[13].split("\n")));
                // fields only ever come at the end of a line: older journals have fewer
                Asset asset = new Asset(v[0], v[1], v[2], v[3], v[4], Long.parseLong(v[5]), v[6], v[7],
                        Long.parseLong(v[8]), v[9] == null ? null : Integer.valueOf(v[9]),
                        v[10] == null ? null : Integer.valueOf(v[10]), v[11],
                        Instant.ofEpochSecond(Long.parseLong(v[12])), tags,
                        v.length > 16 ? decodeContext(v[16]) : Map.of(), v[14], v[15],
                        v.length > 17 ? decodeMetadata(v[17]) : Map.of(), v.length > 18 ? v[18] : Asset.PUBLIC,
                        v.length > 19 ? decodeDerived(v[19]) : List.of());
                into.assets().put(AssetKey.of(asset), asset);
                ResourceRepository.addFolders(into.folders(), asset.cloudName(), asset.publicId());
            }
            case FOLDER -> ResourceRepository.addFolder(into.folders(), v[0], v[1]);
            case UNFOLDER -> {
                Set<String> folders = into.folders().get(v[0]);
                if (folders != null) {
                    folders.remove(v[1]);
                }
            }
            case FIELD -> {
                MetadataDefinition field = MetadataDefinition.fromJson((Map<String, Object>) Json.parse(v[1]));
                into.fields().computeIfAbsent(v[0], c -> Collections.synchronizedMap(new LinkedHashMap<>()))
                        .put(field.externalId(), field);
            }
            case UNFIELD -> {
                Map<String, MetadataDefinition> fields = into.fields().get(v[0]);
                if (fields != null) {
                    fields.remove(v[1]);
                }
            }
            default -> {
                // a line of a newer emulator: skipped
            }
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
