package io.quarkiverse.cloudinary.storage.test.fields;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.cloudinary.storage.CloudinaryFile;
import io.quarkus.test.QuarkusUnitTest;

/** A size the build cannot read would otherwise mean no limit at all. */
class InvalidMaxSizeTest {

    @Entity
    public static class Listing {
        @Id
        public Long id;

        @CloudinaryFile(maxSize = "10 MB")
        public String photo;
    }

    @RegisterExtension
    static final QuarkusUnitTest app = BuildFailures.failingBuild(Listing.class, "photo",
            "maxSize = \"10 MB\" is not a positive size; write it as 10M, 512K, 2G or a number of bytes");

    @Test
    void buildFails() {
        fail("the build accepted a size it cannot read");
    }
}
