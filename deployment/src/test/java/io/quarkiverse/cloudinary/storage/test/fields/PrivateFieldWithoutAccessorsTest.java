package io.quarkiverse.cloudinary.storage.test.fields;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.cloudinary.storage.CloudinaryFile;
import io.quarkus.test.QuarkusUnitTest;

/** A private field with no getter and setter could only be set by reflection: the build says what to do instead. */
class PrivateFieldWithoutAccessorsTest {

    @Entity
    public static class Badge {
        @Id
        public Long id;

        @CloudinaryFile
        private String icon;
    }

    @RegisterExtension
    static final QuarkusUnitTest app = BuildFailures.failingBuild(Badge.class, "icon",
            "on the path icon of " + Badge.class.getName() + ", " + Badge.class.getName() + ".icon is private");

    @Test
    void buildFails() {
        fail("the build accepted a private @CloudinaryFile field without accessors");
    }
}
