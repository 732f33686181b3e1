package io.quarkiverse.cloudinary.storage.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
public class CloudinaryStorageResourceTest {

    @Test
    public void testHelloEndpoint() {
        given()
                .when().get("/cloudinary-storage")
                .then()
                .statusCode(200)
                .body(is("Hello cloudinary-storage"));
    }
}
