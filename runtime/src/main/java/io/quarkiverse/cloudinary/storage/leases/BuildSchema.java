package io.quarkiverse.cloudinary.storage.leases;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFileField;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFileRegistry;

/**
 * The reference schema of one build: every {@code @CloudinaryFile} attribute, as the orphan cleanup asks the database
 * about it. Two builds with the same attributes judge references alike; a build that lacks an attribute of another
 * live build would take the files only that attribute references for orphans.
 *
 * @param attributes sorted, so that equal schemas have equal records
 */
public record BuildSchema(List<Attribute> attributes) {

    /**
     * One attribute that holds stored names.
     *
     * @param entity the entity class
     * @param attributePath the attribute as queries name it
     * @param resourceType the files it holds
     * @param folder the folder its uploads go to; for the operator, not compared: names are stored whole
     */
    public record Attribute(String entity, String attributePath, CloudinaryResourceType resourceType, String folder) {

        /** What decides which files a cleanup asks this attribute about. */
        boolean sameReferences(Attribute other) {
            return entity.equals(other.entity) && attributePath.equals(other.attributePath)
                    && resourceType == other.resourceType;
        }

        @Override
        public String toString() {
            String simpleName = entity.substring(Math.max(entity.lastIndexOf('.'), entity.lastIndexOf('$')) + 1);
            return simpleName + "." + attributePath + " (" + resourceType.cloudinaryName() + ")";
        }
    }

    private static final Comparator<Attribute> ORDER = Comparator.comparing(Attribute::entity)
            .thenComparing(Attribute::attributePath).thenComparing(Attribute::resourceType)
            .thenComparing(Attribute::folder);

    public BuildSchema {
        List<Attribute> sorted = new ArrayList<>(attributes);
        sorted.sort(ORDER);
        attributes = List.copyOf(sorted);
    }

    public static BuildSchema of(CloudinaryFileRegistry registry) {
        List<Attribute> attributes = new ArrayList<>();
        for (CloudinaryFileField field : registry.fields()) {
            attributes.add(new Attribute(field.entityClass(), field.attributePath(), field.type(),
                    field.folder() == null ? "" : field.folder()));
        }
        return new BuildSchema(attributes);
    }

    /** The attributes of this schema whose references {@code known} does not ask about. */
    public List<Attribute> unknownTo(BuildSchema known) {
        return attributes.stream()
                .filter(mine -> known.attributes.stream().noneMatch(theirs -> theirs.sameReferences(mine)))
                .toList();
    }
}
