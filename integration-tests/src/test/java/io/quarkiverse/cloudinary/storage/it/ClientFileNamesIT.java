package io.quarkiverse.cloudinary.storage.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same names against the packaged application. */
@QuarkusIntegrationTest
class ClientFileNamesIT extends ClientFileNamesTest {
}
