package io.quarkiverse.cloudinary.storage.test.fields;

import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import io.quarkiverse.cloudinary.storage.CloudinaryFile;
import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;

@MappedSuperclass
public abstract class MediaBase {

    @Id
    @GeneratedValue
    public Long id;

    @CloudinaryFile(type = CloudinaryResourceType.VIDEO, folder = "clips")
    public String video;
}
