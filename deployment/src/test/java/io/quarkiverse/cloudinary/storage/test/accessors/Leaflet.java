package io.quarkiverse.cloudinary.storage.test.accessors;

import jakarta.persistence.Entity;

import io.quarkiverse.cloudinary.storage.CloudinaryFile;
import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkus.hibernate.orm.panache.PanacheEntity;

/** A Panache entity's public field: Panache generates its getter and setter, and writes must go through them. */
@Entity
public class Leaflet extends PanacheEntity {

    @CloudinaryFile(type = CloudinaryResourceType.RAW, folder = "leaflets")
    public String scan;
}
