package io.quarkiverse.cloudinary.storage.statics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;

/**
 * The record of one deployment's manifest, kept on Cloudinary itself as a raw file tagged with the static tag, so
 * that every instance and every later cleanup sees which files each deployment needs. One line per file:
 * resource type, public id of the hashed file, public id of the unhashed copy, separated by tabs.
 */
record ManifestRecord(List<Entry> entries) {

    private static final String HEADER = "# Cloudinary static manifest: resource type, hashed public id, unhashed public id";

    record Entry(CloudinaryResourceType resourceType, String publicId, String unhashedPublicId) {
    }

    static ManifestRecord of(Collection<StaticAsset> assets) {
        List<Entry> entries = new ArrayList<>();
        for (StaticAsset asset : assets) {
            entries.add(new Entry(asset.resourceType(), asset.publicId(), asset.unhashedPublicId()));
        }
        return new ManifestRecord(List.copyOf(entries));
    }

    byte[] toBytes() {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Entry entry : entries) {
            text.append(entry.resourceType().cloudinaryName()).append('\t').append(entry.publicId()).append('\t')
                    .append(entry.unhashedPublicId()).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @throws IllegalArgumentException when a line is not a record line
     */
    static ManifestRecord parse(byte[] content) {
        List<Entry> entries = new ArrayList<>();
        for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length != 3) {
                throw new IllegalArgumentException("Not a static manifest line: " + line);
            }
            entries.add(new Entry(CloudinaryResourceType.valueOf(fields[0].toUpperCase(Locale.ROOT)), fields[1],
                    fields[2]));
        }
        return new ManifestRecord(List.copyOf(entries));
    }
}
