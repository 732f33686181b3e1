package io.quarkiverse.cloudinary.storage.fields;

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
        String elementPath) {

    /** The element collection the names lie in, as queries join it: {@code photos}, {@code pages}. */
    public String collectionPath() {
        return elementPath.isEmpty() ? attributePath
                : attributePath.substring(0, attributePath.length() - elementPath.length() - 1);
    }
}
