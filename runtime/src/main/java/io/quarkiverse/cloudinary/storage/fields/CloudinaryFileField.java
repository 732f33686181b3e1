package io.quarkiverse.cloudinary.storage.fields;

import java.util.List;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;

/**
 * One persistent attribute that holds stored names, found at build time.
 *
 * @param entityClass the entity whose table (or collection table) holds the names
 * @param entityName the entity's name in queries
 * @param attributePath the attribute as queries name it, through embeddables: {@code photo}, {@code address.photo}
 * @param declaringClass the class whose field carries {@code @CloudinaryFile} (the entity, a mapped superclass or an
 *        embeddable)
 * @param fieldName the field's name in that class
 * @param collection whether the attribute is an {@code @ElementCollection} of names, or lies inside an element
 *        collection of embeddables
 * @param elementPath inside an element collection of embeddables, the attribute within the element
 *        ({@code image} of {@code pages.image}); empty otherwise
 * @param accept the media types and wildcards the field accepts, checked and normalised by the build; empty for any
 * @param maxSize the most bytes the field accepts, or 0 for no limit
 */
public record CloudinaryFileField(
        String entityClass,
        String entityName,
        String attributePath,
        String declaringClass,
        String fieldName,
        CloudinaryResourceType type,
        String folder,
        boolean collection,
        String elementPath,
        List<String> accept,
        long maxSize,
        boolean deleteReplaced) {

    public CloudinaryFileField {
        accept = List.copyOf(accept);
    }

    /** The element collection the names lie in, as queries join it: {@code photos}, {@code pages}. */
    public String collectionPath() {
        return elementPath.isEmpty() ? attributePath
                : attributePath.substring(0, attributePath.length() - elementPath.length() - 1);
    }

    /** The field as messages name it: the entity's simple class name and the attribute, {@code MediaItem.image}. */
    public String displayName() {
        String simpleName = entityClass.substring(Math.max(entityClass.lastIndexOf('.'), entityClass.lastIndexOf('$')) + 1);
        return simpleName + "." + attributePath;
    }
}
