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
 * Images and PDFs are limited to 5 MB, below Quarkus' default request body limit of 10 MB.
 */
@Entity
@Table(indexes = { @Index(columnList = "image"), @Index(columnList = "document"), @Index(columnList = "video") })
public class MediaItem extends PanacheEntity {

    @Column(nullable = false)
    public String title;

    @CloudinaryFile(folder = "items/images", accept = "image/*", maxSize = "5M")
    public String image;

    @CloudinaryFile(type = CloudinaryResourceType.RAW, folder = "items/documents", accept = "application/pdf", maxSize = "5M")
    public String document;

    @CloudinaryFile(type = CloudinaryResourceType.VIDEO, folder = "items/videos")
    public String video;
}
