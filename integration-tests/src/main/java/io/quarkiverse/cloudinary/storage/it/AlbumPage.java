package io.quarkiverse.cloudinary.storage.it;

import jakarta.persistence.Embeddable;

import io.quarkiverse.cloudinary.storage.CloudinaryFile;

/** A page of an {@link Album}: an embeddable kept in an element collection, with a file of its own. */
@Embeddable
public class AlbumPage {

    public String caption;

    @CloudinaryFile(folder = "albums/pages")
    public String image;
}
