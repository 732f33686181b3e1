package io.quarkiverse.cloudinary.storage.test.fields;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.cloudinary.storage.CloudinaryFile;
import io.quarkus.test.QuarkusUnitTest;

class NotPersistentClassTest {

    public static class ProfileForm {
        @CloudinaryFile
        public String avatar;
    }

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .setArchiveProducer(() -> ShrinkWrap.create(JavaArchive.class).addClass(ProfileForm.class))
            .assertException(thrown -> {
                String message = BuildFailures.messages(thrown);
                assertTrue(message.contains("@CloudinaryFile on " + ProfileForm.class.getName() + ".avatar: "
                        + ProfileForm.class.getName() + " is not an @Entity, @MappedSuperclass or @Embeddable"), message);
            });

    @Test
    void buildFails() {
        fail("the build accepted @CloudinaryFile outside an entity");
    }
}
