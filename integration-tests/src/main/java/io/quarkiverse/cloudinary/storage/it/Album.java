package io.quarkiverse.cloudinary.storage.it;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;

import io.quarkiverse.cloudinary.storage.CloudinaryFile;
import io.quarkus.hibernate.orm.panache.PanacheEntity;

/** A demo entity whose files sit in an element collection and in an embeddable. */
@Entity
public class Album extends PanacheEntity {

    @Column(nullable = false)
    public String title;

    @CloudinaryFile(folder = "albums/photos")
    @ElementCollection
    public List<String> photos = new ArrayList<>();

    @Embedded
    public AlbumCover cover = new AlbumCover();
}
