package io.quarkiverse.cloudinary.storage.test.fields;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.cloudinary.storage.CloudinaryFile;
import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkus.test.QuarkusUnitTest;

/** Content is judged by its bytes: a type that only a file name can tell would refuse every upload. */
class UndetectableAcceptedTypeTest {

    @Entity
    public static class Report {
        @Id
        public Long id;

        @CloudinaryFile(type = CloudinaryResourceType.RAW, accept = "text/csv")
        public String table;
    }

    @RegisterExtension
    static final QuarkusUnitTest app = BuildFailures.failingBuild(Report.class, "table",
            "accept: 'text/csv' cannot be recognised by its bytes, only by its name; such files are detected as text/plain");

    @Test
    void buildFails() {
        fail("the build accepted a type no content is ever detected as");
    }
}
