package io.quarkiverse.cloudinary.storage.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged application (JVM jar, or native executable with -Dnative) uploads its static resources on start, in
 * the background; once readiness is UP their URLs resolve.
 */
@QuarkusIntegrationTest
class StaticResourcesIT {

    @Test
    void uploadedOnStartAndServed() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (given().get("/q/health/ready").statusCode() != 200) {
            assertTrue(Instant.now().isBefore(deadline), "readiness stayed DOWN: the upload on start did not finish");
            Thread.sleep(200);
        }
        given().get("/q/health/ready").then().body(containsString("Cloudinary static resources"));
        String css = given().queryParam("name", "css/site.css").get("/static-resources/url").then().statusCode(200)
                .extract().asString();
        given().get(css).then().statusCode(200).body(containsString("/image/upload/v1/static/img/logo."));
        given().get("/").then().statusCode(200).body(containsString(css));
    }
}
