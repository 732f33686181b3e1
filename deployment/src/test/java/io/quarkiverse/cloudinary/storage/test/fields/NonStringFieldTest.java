package io.quarkiverse.cloudinary.storage.test.fields;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.cloudinary.storage.CloudinaryFile;
import io.quarkus.test.QuarkusUnitTest;

class NonStringFieldTest {

    @Entity
    public static class Invoice {
        @Id
        public Long id;

        @CloudinaryFile
        public Integer scan;
    }

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .setArchiveProducer(() -> ShrinkWrap.create(JavaArchive.class).addClass(Invoice.class))
            .overrideConfigKey("quarkus.datasource.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:nonstring")
            .assertException(thrown -> {
                String message = BuildFailures.messages(thrown);
                assertTrue(message.contains("@CloudinaryFile on " + Invoice.class.getName() + ".scan: the field is a"
                        + " java.lang.Integer; it must be a String"), message);
            });

    @Test
    void buildFails() {
        fail("the build accepted @CloudinaryFile on an Integer");
    }
}
