package io.quarkiverse.cloudinary.storage.test.fields;

import jakarta.persistence.Embeddable;

import io.quarkiverse.cloudinary.storage.CloudinaryFile;

/** An embeddable kept in an element collection: its file lies in the collection table. */
@Embeddable
public class Shelf {

    public String label;

    @CloudinaryFile(folder = "shelves")
    public String photo;
}
