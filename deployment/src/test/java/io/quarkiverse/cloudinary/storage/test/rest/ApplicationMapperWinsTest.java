package io.quarkiverse.cloudinary.storage.test.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * The application's mappers answer the exceptions they map; the default mappers answer the others, also the subclasses
 * of an exception the application maps when a default mapper is more specific.
 */
class ApplicationMapperWinsTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .setArchiveProducer(() -> ShrinkWrap.create(JavaArchive.class)
                    .addClasses(ExceptionProbeResource.class, ApplicationMappers.class,
                            ApplicationCloudinaryMapper.class));

    @Test
    void theApplicationsMapperAnswersItsException() {
        given().get("/throw/content").then().statusCode(415).body(equalTo("image/gif is not accepted here"));
    }

    @Test
    void theApplicationsMapperOfTheBaseClassAnswersWhatNoDefaultMapsMoreSpecifically() {
        given().get("/throw/server").then().statusCode(503).body(equalTo("Cloudinary is unavailable"));
    }

    @Test
    void theDefaultMappersAnswerTheRest() {
        given().get("/throw/name").then().statusCode(400).contentType("application/json")
                .body("error", equalTo("Invalid media name 'a?b': '?' is not allowed in Cloudinary public ids"));
        given().get("/throw/gone.png").then().statusCode(404)
                .body("error", equalTo("Not found on Cloudinary (details of gone.png)"));
    }
}
