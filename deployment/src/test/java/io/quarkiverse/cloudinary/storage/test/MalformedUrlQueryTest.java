package io.quarkiverse.cloudinary.storage.test;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** A bare token in the query of the Cloudinary URL may be a secret pasted there: the error never quotes it. */
class MalformedUrlQueryTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("CLOUDINARY_URL",
                    "cloudinary://123456:hunter2secret@my-cloud?secure=true&Tok3nLooksLikeASecret")
            .assertException(StartupFailures.configurationError(new String[] {
                    "the environment variable CLOUDINARY_URL is not a valid Cloudinary URL",
                    "query parameter number 2 of 2 has no key=value form" }, "Tok3nLooksLikeASecret",
                    "hunter2secret"));

    @Test
    void doesNotStart() {
        fail("the application started with a malformed Cloudinary URL");
    }
}
