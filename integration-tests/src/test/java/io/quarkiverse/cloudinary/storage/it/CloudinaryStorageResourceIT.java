package io.quarkiverse.cloudinary.storage.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
public class CloudinaryStorageResourceIT extends CloudinaryStorageResourceTest {
}
