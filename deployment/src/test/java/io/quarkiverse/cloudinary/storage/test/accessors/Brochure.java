package io.quarkiverse.cloudinary.storage.test.accessors;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Transient;

import io.quarkiverse.cloudinary.storage.CloudinaryFile;
import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;

/**
 * Private fields behind hand-written accessors, an inherited field, an embeddable and a collection of names: every
 * shape a path can take. The setter counts its calls, so a test sees that the accessor went through it. Raw files,
 * which take any content.
 */
@Entity
public class Brochure extends Printed {

    @Id
    public Long id;

    @CloudinaryFile(type = CloudinaryResourceType.RAW, folder = "covers")
    private String cover;

    @Embedded
    private Binding binding;

    @CloudinaryFile(type = CloudinaryResourceType.RAW, folder = "pages")
    @ElementCollection
    public List<String> pages = new ArrayList<>();

    @Transient
    public int coverWrites;

    public String getCover() {
        return cover;
    }

    public void setCover(String cover) {
        coverWrites++;
        this.cover = cover;
    }

    public Binding getBinding() {
        return binding;
    }

    public void setBinding(Binding binding) {
        this.binding = binding;
    }
}
