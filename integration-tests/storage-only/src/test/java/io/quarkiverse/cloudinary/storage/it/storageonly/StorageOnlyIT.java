package io.quarkiverse.cloudinary.storage.it.storageonly;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The packaged application, against the emulator Dev Service: what runs in production, without a database. */
@QuarkusIntegrationTest
class StorageOnlyIT extends StorageOnlyTest {
}
