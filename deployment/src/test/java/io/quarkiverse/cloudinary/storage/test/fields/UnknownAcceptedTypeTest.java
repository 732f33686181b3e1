package io.quarkiverse.cloudinary.storage.test.fields;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.cloudinary.storage.CloudinaryFile;
import io.quarkus.test.QuarkusUnitTest;

/** A misspelt type would refuse every upload: the build says which type was meant. */
class UnknownAcceptedTypeTest {

    @Entity
    public static class Listing {
        @Id
        public Long id;

        @CloudinaryFile(accept = "image/jpg")
        public String photo;
    }

    @RegisterExtension
    static final QuarkusUnitTest app = BuildFailures.failingBuild(Listing.class, "photo",
            "accept: 'image/jpg' is not a media type Tika knows; files named *.jpg are image/jpeg");

    @Test
    void buildFails() {
        fail("the build accepted a media type that does not exist");
    }
}
