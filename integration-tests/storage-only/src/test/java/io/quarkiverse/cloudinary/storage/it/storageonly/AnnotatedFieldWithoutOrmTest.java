package io.quarkiverse.cloudinary.storage.it.storageonly;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.cloudinary.storage.CloudinaryFile;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code @CloudinaryFile} in an application without Hibernate ORM would be a field that nothing stores into and that
 * the cleanup never sees: the build fails and says what to add.
 */
class AnnotatedFieldWithoutOrmTest {

    public static class Product {
        @CloudinaryFile
        public String photo;
    }

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .setArchiveProducer(() -> ShrinkWrap.create(JavaArchive.class).addClass(Product.class))
            .assertException(thrown -> {
                StringBuilder messages = new StringBuilder();
                for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
                    messages.append(cause.getMessage()).append('\n');
                }
                String message = messages.toString();
                assertTrue(message.contains("this application has no Hibernate ORM: add quarkus-hibernate-orm-panache"),
                        message);
                assertTrue(message.contains(Product.class.getName() + ".photo"), message);
            });

    @Test
    void buildFails() {
        fail("the build accepted @CloudinaryFile without Hibernate ORM");
    }
}
