package io.quarkiverse.cloudinary.storage.test.fields;

import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

@Entity
public class Store {

    @Id
    @GeneratedValue
    public Long id;

    @Embedded
    public Address address;
}
