package io.quarkiverse.cloudinary.storage.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The three storages, downloads with ranges, streamed uploads and the video check against the packaged application
 * (JVM jar, or native executable with -Dnative): HTTPS-free here, but every SDK call path of a real deployment.
 */
@QuarkusIntegrationTest
class StorageResourceIT extends StorageResourceTest {
}
