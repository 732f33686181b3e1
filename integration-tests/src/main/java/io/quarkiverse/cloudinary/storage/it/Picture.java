package io.quarkiverse.cloudinary.storage.it;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;

import io.quarkus.hibernate.orm.panache.PanacheEntity;

@Entity
public class Picture extends PanacheEntity {

    @Column(nullable = false)
    public String title;

    /** Cloudinary public id of the uploaded image. */
    @Column(nullable = false, unique = true)
    public String publicId;

    @Column(nullable = false)
    public long bytes;

    @Column(nullable = false)
    public Instant uploadedAt;
}
