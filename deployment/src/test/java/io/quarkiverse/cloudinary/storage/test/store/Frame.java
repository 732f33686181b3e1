package io.quarkiverse.cloudinary.storage.test.store;

import jakarta.persistence.Embeddable;

import io.quarkiverse.cloudinary.storage.CloudinaryFile;

@Embeddable
public class Frame {

    @CloudinaryFile(folder = "frames")
    public String picture;
}
