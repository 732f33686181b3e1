package io.quarkiverse.cloudinary.storage.test.accessors;

import jakarta.persistence.MappedSuperclass;

import io.quarkiverse.cloudinary.storage.CloudinaryFile;
import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;

@MappedSuperclass
public abstract class Printed {

    @CloudinaryFile(type = CloudinaryResourceType.RAW, folder = "proofs")
    public String proof;
}
