package io.quarkiverse.cloudinary.storage.leases;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;

/**
 * What the lease of one build says: which manifest record holds its static files, and its reference schema. The
 * content decides the build's id, so every instance of one build writes the same lease, and a lease's content never
 * changes under its public id (no CDN copy can be stale). Lines of tab-separated fields:
 * {@code manifest <record public id>} (empty when the build has no static resources) and
 * {@code attribute <entity> <attribute path> <resource type> <folder>}.
 *
 * @param manifestRecord public id of the build's static manifest record, empty for none
 */
public record LeaseRecord(String manifestRecord, BuildSchema schema) {

    private static final String HEADER = "# Cloudinary build lease: static manifest record, @CloudinaryFile attributes";

    public byte[] toBytes() {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        text.append("manifest\t").append(manifestRecord).append('\n');
        for (BuildSchema.Attribute attribute : schema.attributes()) {
            text.append("attribute\t").append(attribute.entity()).append('\t').append(attribute.attributePath())
                    .append('\t').append(attribute.resourceType().cloudinaryName()).append('\t')
                    .append(attribute.folder()).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The build's id: a digest of the record, the same on every instance of the build. */
    public String buildId() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(toBytes());
            return HexFormat.of().formatHex(digest).substring(0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * @throws IllegalArgumentException when a line is not a lease line
     */
    public static LeaseRecord parse(byte[] content) {
        String manifest = null;
        List<BuildSchema.Attribute> attributes = new ArrayList<>();
        for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (fields[0].equals("manifest") && fields.length == 2) {
                manifest = fields[1];
            } else if (fields[0].equals("attribute") && fields.length == 5) {
                attributes.add(new BuildSchema.Attribute(fields[1], fields[2],
                        CloudinaryResourceType.valueOf(fields[3].toUpperCase(Locale.ROOT)), fields[4]));
            } else {
                throw new IllegalArgumentException("Not a build lease line: " + line);
            }
        }
        if (manifest == null) {
            throw new IllegalArgumentException("A build lease without its manifest line");
        }
        return new LeaseRecord(manifest, new BuildSchema(attributes));
    }
}
