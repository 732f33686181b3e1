package io.quarkiverse.cloudinary.storage.test;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** Media and static resources whose scopes overlap would let one cleanup judge the other's files. */
class OverlappingSameTagTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.cloudinary.url", "cloudinary://k:s@c")
            .overrideConfigKey("quarkus.cloudinary.media.tag", "static")
            .overrideConfigKey("quarkus.cloudinary.static.upload", "manual")
            .assertException(StartupFailures.configurationError(new String[] {
                    "quarkus.cloudinary.media.tag and quarkus.cloudinary.static.tag are both 'static'" }));

    @Test
    void doesNotStart() {
        fail("the application started with overlapping media and static scopes");
    }
}
