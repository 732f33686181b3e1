package io.quarkiverse.cloudinary.storage.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** Uploads into {@code @CloudinaryFile} fields of a Panache entity, on the emulator and H2. */
@QuarkusTest
class MediaItemResourceTest {

    EmulatorControlClient emulator;

    @BeforeEach
    void resetEmulator() {
        emulator = Emulator.control();
        emulator.reset();
    }

    private static int itemCount() {
        return given().get("/items").then().statusCode(200).extract().jsonPath().getList("$").size();
    }

    @Test
    void oneFileOfEachKindGoesToItsStorageAndFolder() {
        String location = given().redirects().follow(false)
                .multiPart("title", "launch")
                .multiPart("image", "poster.png", PictureResourceTest.png(300, 200), "image/png")
                .multiPart("document", "brief.pdf", Samples.text("%PDF-1.4 brief"), "application/pdf")
                .multiPart("video", "teaser.mp4", Samples.mp4(200_000, 5), "video/mp4")
                .when().post("/items")
                .then().statusCode(303).extract().header("Location");

        var item = given().get(location).then().statusCode(200).extract().jsonPath();
        assertEquals("media/items/images/poster.png", item.getString("image"));
        assertEquals("media/items/documents/brief.pdf", item.getString("document"));
        assertEquals("media/items/videos/teaser.mp4", item.getString("video"));

        given().get("/items").then().statusCode(200)
                .body("find { it.title == 'launch' }.image", equalTo("media/items/images/poster.png"));
        String html = given().get("/items/page").then().statusCode(200).extract().asString();
        assertTrue(html.contains("/image/upload/c_fill,w_120,h_120/v1/media/items/images/poster.png"), html);
    }

    @Test
    void thumbnailFromTheTemplateRenders() {
        given().redirects().follow(false)
                .multiPart("title", "thumb")
                .multiPart("image", "wide.png", PictureResourceTest.png(400, 100), "image/png")
                .when().post("/items").then().statusCode(303);
        String html = given().get("/items/page").then().statusCode(200).extract().asString();
        int end = html.indexOf("wide.png\"");
        int src = html.lastIndexOf("src=\"", end);
        String url = html.substring(src + 5, end + "wide.png".length());
        RestAssured.get(url).then().statusCode(200).header("Content-Type", startsWith("image/"));
    }

    @Test
    void nonVideoInTheVideoFieldIs400WithNothingUploadedAndNoRow() {
        int before = itemCount();
        given().multiPart("title", "fake video")
                .multiPart("image", "ok.png", PictureResourceTest.png(10, 10), "image/png")
                .multiPart("video", "movie.mp4", PictureResourceTest.png(10, 10), "video/mp4")
                .when().post("/items")
                .then().statusCode(400).body("error", equalTo("Please upload a valid video file."));
        assertEquals(0, emulator.requestCount("upload:upload"), "nothing was uploaded");
        assertEquals(before, itemCount(), "no row was written");
    }

    @Test
    void aRefusedLaterFileRollsBackAndDeletesTheFileStoredBeforeIt() {
        int before = itemCount();
        given().multiPart("title", "half")
                .multiPart("image", "fine.png", PictureResourceTest.png(10, 10), "image/png")
                .multiPart("document", "brief.pdf", PictureResourceTest.png(10, 10), "application/pdf")
                .when().post("/items")
                .then().statusCode(400)
                .body("error", equalTo("MediaItem.document accepts application/pdf; items/documents/brief.pdf is"
                        + " image/png"));
        assertEquals(1, emulator.requestCount("upload:upload"), "the image went up before the document was refused");
        assertEquals(1, emulator.requestCount("upload:destroy"), "the rollback deleted it");
        given().queryParam("name", "media/items/images/fine.png").get("/storage/image/exists").then()
                .body(equalTo("false"));
        assertEquals(before, itemCount(), "no row was written");
    }

    @Test
    void connectionClosedMidUploadIsAClearErrorAndNoRow() {
        int before = itemCount();
        emulator.disconnect("upload:upload", 10);
        given().multiPart("title", "dropped")
                .multiPart("image", "a.png", PictureResourceTest.png(50, 50), "image/png")
                .when().post("/items")
                .then().statusCode(502).body("error", containsString("(upload of media/items/images/a.png)"));
        assertEquals(before, itemCount(), "no row was committed");
    }

    @Test
    void rollbackDeletesTheNewFileAndKeepsTheOldOne() {
        String location = given().redirects().follow(false)
                .multiPart("title", "rollback")
                .multiPart("image", "old.png", PictureResourceTest.png(20, 20), "image/png")
                .when().post("/items").then().statusCode(303).extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);

        given().multiPart("image", "new.png", PictureResourceTest.png(30, 30), "image/png")
                .multiPart("failAfterUpload", "true")
                .when().post("/items/" + id + "/image")
                .then().statusCode(500);

        given().get(location).then().body("image", equalTo("media/items/images/old.png"));
        given().queryParam("name", "media/items/images/old.png").get("/storage/image/exists").then()
                .body(equalTo("true"));
        given().queryParam("name", "media/items/images/new.png").get("/storage/image/exists").then()
                .body(equalTo("false"));
        assertEquals(1, emulator.requestCount("upload:destroy"), "the rolled-back upload was deleted");
    }

    @Test
    void replacingAFileKeepsTheOldOneForOrphanCleanup() {
        String location = given().redirects().follow(false)
                .multiPart("title", "replace")
                .multiPart("image", "first.png", PictureResourceTest.png(20, 20), "image/png")
                .when().post("/items").then().statusCode(303).extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        given().multiPart("image", "second.png", PictureResourceTest.png(30, 30), "image/png")
                .when().post("/items/" + id + "/image")
                .then().statusCode(200).body("image", matchesPattern("media/items/images/second.png"));
        given().queryParam("name", "media/items/images/first.png").get("/storage/image/exists").then()
                .body(equalTo("true"));
    }
}
