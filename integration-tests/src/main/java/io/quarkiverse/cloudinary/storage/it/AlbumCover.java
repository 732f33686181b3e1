package io.quarkiverse.cloudinary.storage.it;

import jakarta.persistence.Embeddable;

import io.quarkiverse.cloudinary.storage.CloudinaryFile;

/** The cover of an {@link Album}: a file inside an embeddable. */
@Embeddable
public class AlbumCover {

    public String caption;

    @CloudinaryFile(folder = "albums/covers")
    public String image;
}
