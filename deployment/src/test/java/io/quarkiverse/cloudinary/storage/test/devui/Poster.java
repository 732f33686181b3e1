package io.quarkiverse.cloudinary.storage.test.devui;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

import io.quarkiverse.cloudinary.storage.CloudinaryFile;

@Entity
public class Poster {

    @Id
    @GeneratedValue
    public Long id;

    @CloudinaryFile(folder = "posters")
    public String image;
}
