package io.quarkiverse.cloudinary.storage.it;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import io.quarkiverse.cloudinary.storage.CloudinaryFile;
import io.quarkus.hibernate.orm.panache.PanacheEntity;

/**
 * A demo entity whose files sit in an element collection, in an embeddable and in an element collection of
 * embeddables. Every column holding stored names is indexed: the orphan cleanup's questions are index lookups.
 */
@Entity
@Table(indexes = @Index(columnList = "image"))
public class Album extends PanacheEntity {

    @Column(nullable = false)
    public String title;

    @CloudinaryFile(folder = "albums/photos")
    @ElementCollection
    @CollectionTable(indexes = @Index(columnList = "photos"))
    public List<String> photos = new ArrayList<>();

    @Embedded
    public AlbumCover cover = new AlbumCover();

    @ElementCollection
    @CollectionTable(indexes = @Index(columnList = "image"))
    public List<AlbumPage> pages = new ArrayList<>();
}
