package io.quarkiverse.cloudinary.storage.devui;

import io.quarkiverse.cloudinary.storage.fields.CloudinaryFileField;

/**
 * One {@code @CloudinaryFile} attribute as the Media fields page lists it.
 *
 * @param entity the entity's simple name, as queries name it
 * @param entityClass the entity's class
 * @param attribute the attribute path, through embeddables
 * @param resourceType {@code image}, {@code raw} or {@code video}
 * @param folder the folder names are stored under, empty for none
 * @param collection whether the attribute is a collection of names
 */
public record MediaField(String entity, String entityClass, String attribute, String resourceType, String folder,
        boolean collection) {

    static MediaField of(CloudinaryFileField field) {
        return new MediaField(field.entityName(), field.entityClass(), field.attributePath(),
                field.type().cloudinaryName(), field.folder(), field.collection());
    }
}
