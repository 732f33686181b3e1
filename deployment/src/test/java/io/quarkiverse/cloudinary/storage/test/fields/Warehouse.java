package io.quarkiverse.cloudinary.storage.test.fields;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

@Entity
public class Warehouse {

    @Id
    @GeneratedValue
    public Long id;

    @ElementCollection
    public List<Shelf> shelves = new ArrayList<>();
}
