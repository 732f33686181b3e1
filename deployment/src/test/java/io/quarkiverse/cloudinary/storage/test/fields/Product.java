package io.quarkiverse.cloudinary.storage.test.fields;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

import io.quarkiverse.cloudinary.storage.CloudinaryFile;
import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;

@Entity(name = "Shop_Product")
public class Product {

    @Id
    @GeneratedValue
    public Long id;

    @CloudinaryFile(folder = "/products/")
    public String photo;

    @CloudinaryFile(type = CloudinaryResourceType.RAW, folder = "manuals", accept = { "application/pdf",
            " Text/Plain" }, maxSize = "2M", deleteReplaced = false)
    public String manual;

    @CloudinaryFile
    @ElementCollection
    public List<String> gallery = new ArrayList<>();

    public String notAFile;
}
