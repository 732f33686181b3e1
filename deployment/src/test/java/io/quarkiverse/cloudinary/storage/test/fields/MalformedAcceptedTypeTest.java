package io.quarkiverse.cloudinary.storage.test.fields;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.cloudinary.storage.CloudinaryFile;
import io.quarkus.test.QuarkusUnitTest;

/** An extension is not a media type. */
class MalformedAcceptedTypeTest {

    @Entity
    public static class Listing {
        @Id
        public Long id;

        @CloudinaryFile(accept = "png")
        public String photo;
    }

    @RegisterExtension
    static final QuarkusUnitTest app = BuildFailures.failingBuild(Listing.class, "photo",
            "accept: 'png' is not a media type: write type/subtype, such as image/png, or type/*, such as image/*");

    @Test
    void buildFails() {
        fail("the build accepted an extension as an accepted type");
    }
}
