package io.quarkiverse.cloudinary.storage.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The demo has no exception mapper of its own: the extension's default mappers answer, with short JSON bodies that
 * never carry Cloudinary's own text. The emulator Dev Service produces each failure.
 */
@QuarkusTest
class DefaultExceptionMappersTest {

    EmulatorControlClient emulator;

    @BeforeEach
    void resetEmulator() {
        emulator = Emulator.control();
        emulator.reset();
    }

    @Test
    void anInvalidNameIs400() {
        given().multiPart("name", "notes/a?b.txt").multiPart("file", "a.txt", Samples.text("a"))
                .when().post("/storage/raw")
                .then().statusCode(400).contentType("application/json")
                .body("error", equalTo("Invalid media name 'notes/a?b.txt': '?' is not allowed in Cloudinary public"
                        + " ids"));
        assertEquals(0, emulator.totalRequests());
    }

    @Test
    void contentTheFieldDoesNotAcceptIs400() {
        given().multiPart("title", "wrong type")
                .multiPart("image", "cat.png", Samples.text("%PDF-1.4 not a picture"), "image/png")
                .when().post("/items")
                .then().statusCode(400).contentType("application/json")
                .body("error", equalTo("MediaItem.image accepts image/*; items/images/cat.png is application/pdf"));
        assertEquals(0, emulator.requestCount("upload:upload"));
    }

    @Test
    void aFileLargerThanTheFieldAcceptsIs400() {
        byte[] pdf = Samples.random(5 * 1024 * 1024 + 1, 9);
        System.arraycopy(Samples.text("%PDF-1.4\n"), 0, pdf, 0, 9);
        given().multiPart("title", "too large").multiPart("document", "huge.pdf", pdf, "application/pdf")
                .when().post("/items")
                .then().statusCode(400).contentType("application/json")
                .body("error", equalTo("MediaItem.document accepts at most 5242880 bytes; items/documents/huge.pdf"
                        + " has 5242881 bytes"));
        assertEquals(0, emulator.requestCount("upload:upload"));
    }

    @Test
    void aMissingFileIs404() {
        given().queryParam("name", "media/nothing/here.txt").get("/storage/raw/size")
                .then().statusCode(404).contentType("application/json")
                .body("error", equalTo("Not found on Cloudinary (details of media/nothing/here.txt)"));
    }

    @Test
    void aSpentRateLimitIs503WithRetryAfter() {
        // the last call the budget allows tells the application when the limit resets
        emulator.rateLimit(500, 1, Duration.ofMinutes(30));
        given().queryParam("folder", "media").get("/storage/raw/list").then().statusCode(200);
        Response answer = given().queryParam("folder", "media").get("/storage/raw/list");
        answer.then().statusCode(503).contentType("application/json");
        long retryAfter = Long.parseLong(answer.header("Retry-After"));
        assertTrue(retryAfter > 29 * 60 && retryAfter <= 30 * 60 + 1, "Retry-After: " + retryAfter);
        answer.then().body("error", equalTo("Cloudinary's rate limit is reached (listing of media/); try again in "
                + retryAfter + " seconds"));
    }

    @Test
    void aServerErrorIs502WithoutCloudinarysText() {
        emulator.fault("upload:upload", 500, 10);
        given().multiPart("name", "failing/a.txt").multiPart("file", "a.txt", Samples.text("a"))
                .when().post("/storage/raw")
                .then().statusCode(502).contentType("application/json")
                .body("error", equalTo("Cloudinary answered the upload of media/failing/a.txt with HTTP 500"))
                .body(not(containsString("Injected fault")));
    }

    @Test
    void aNetworkFailureIs502WithNoHttpStatus() {
        emulator.disconnect("upload:upload", 10);
        byte[] png = PictureResourceTest.png(20, 20);
        given().multiPart("title", "dropped").multiPart("image", "a.png", png, "image/png")
                .when().post("/items")
                .then().statusCode(502).contentType("application/json")
                .body("$", aMapWithSize(1))
                .body("error", allOf(equalTo("Cloudinary could not be reached (upload of media/items/images/a.png)"),
                        not(containsString("HTTP"))));
    }
}
