package io.quarkiverse.cloudinary.storage.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same cases against the packaged application (JVM jar, or native executable with -Dnative). */
@QuarkusIntegrationTest
class PictureResourceIT extends PictureResourceTest {
}
