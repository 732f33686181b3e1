package io.quarkiverse.cloudinary.storage.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * Files of each kind stored into entity fields through the generated accessors, the video check (Tika's type
 * database), rollbacks and the Qute page, against the packaged application (JVM jar, or native executable).
 */
@QuarkusIntegrationTest
class MediaItemResourceIT extends MediaItemResourceTest {
}
