package io.quarkiverse.cloudinary.storage.test.fields;

import jakarta.persistence.Entity;

@Entity
public class Clip extends MediaBase {

    public String title;
}
