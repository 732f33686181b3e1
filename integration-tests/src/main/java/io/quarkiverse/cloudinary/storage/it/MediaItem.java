package io.quarkiverse.cloudinary.storage.it;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import io.quarkiverse.cloudinary.storage.CloudinaryFile;
import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkus.hibernate.orm.panache.PanacheEntity;

/**
 * A demo entity with one file of each kind. The file columns are indexed: orphan cleanup looks stored names up in them.
 */
@Entity
@Table(indexes = { @Index(columnList = "image"), @Index(columnList = "document"), @Index(columnList = "video") })
public class MediaItem extends PanacheEntity {

    @Column(nullable = false)
    public String title;

    @CloudinaryFile(folder = "items/images")
    public String image;

    @CloudinaryFile(type = CloudinaryResourceType.RAW, folder = "items/documents")
    public String document;

    @CloudinaryFile(type = CloudinaryResourceType.VIDEO, folder = "items/videos")
    public String video;
}
