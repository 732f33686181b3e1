package io.quarkiverse.cloudinary.storage.test.devui;

import jakarta.persistence.Entity;

import io.quarkiverse.cloudinary.storage.CloudinaryFile;
import io.quarkus.hibernate.orm.panache.PanacheEntity;

@Entity
public class Poster extends PanacheEntity {

    @CloudinaryFile(folder = "posters")
    public String image;
}
