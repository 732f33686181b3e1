package io.quarkiverse.cloudinary.storage.test.fields;

import jakarta.persistence.Embeddable;

import io.quarkiverse.cloudinary.storage.CloudinaryFile;

@Embeddable
public class Address {

    public String street;

    @CloudinaryFile(folder = "storefronts")
    public String storefront;
}
