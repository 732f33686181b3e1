package io.quarkiverse.cloudinary.storage.test.store;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

import io.quarkiverse.cloudinary.storage.CloudinaryFile;

/** Every shape into which {@code CloudinaryFiles.store} must refuse to upload, and one it accepts with limits. */
@Entity
public class Gallery {

    @Id
    @GeneratedValue
    public Long id;

    /** {@code null} until set: storing into {@code frame.picture} has nowhere to go. */
    @Embedded
    public Frame frame;

    /** {@code null} until initialised. */
    @CloudinaryFile(folder = "photos")
    @ElementCollection
    public List<String> photos;

    /** An element collection of embeddables: no single element is the one to set. */
    @ElementCollection
    public List<Frame> frames = new ArrayList<>();

    @CloudinaryFile(folder = "thumbnails", accept = "image/png", maxSize = "2K")
    public String thumbnail;
}
