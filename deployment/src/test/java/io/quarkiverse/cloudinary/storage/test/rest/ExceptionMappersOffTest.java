package io.quarkiverse.cloudinary.storage.test.rest;

import static io.restassured.RestAssured.given;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** With the default mappers off, the extension's exceptions reach Quarkus REST unmapped: 500. */
class ExceptionMappersOffTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .setArchiveProducer(() -> ShrinkWrap.create(JavaArchive.class).addClasses(ExceptionProbeResource.class))
            .overrideConfigKey("quarkus.cloudinary.rest.exception-mappers", "false");

    @Test
    void nothingMapsTheExtensionsExceptions() {
        given().get("/throw/name").then().statusCode(500);
        given().get("/throw/content").then().statusCode(500);
        given().get("/throw/gone.png").then().statusCode(500);
    }
}
