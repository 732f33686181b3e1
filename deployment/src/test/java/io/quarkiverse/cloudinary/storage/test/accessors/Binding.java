package io.quarkiverse.cloudinary.storage.test.accessors;

import jakarta.persistence.Embeddable;

import io.quarkiverse.cloudinary.storage.CloudinaryFile;
import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;

@Embeddable
public class Binding {

    @CloudinaryFile(type = CloudinaryResourceType.RAW, folder = "spines")
    public String spine;
}
