package io.quarkiverse.cloudinary.storage.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.cloudinary.Cloudinary;
import com.cloudinary.utils.ObjectUtils;

import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The storages through the demo's HTTP endpoints, against the emulator Dev Service. The emulator's request counters
 * tell what went over the wire.
 */
@QuarkusTest
class StorageResourceTest {

    // built, not injected, so that StorageResourceIT runs these cases against the packaged application
    Cloudinary cloudinary;

    EmulatorControlClient emulator;

    @BeforeEach
    void resetEmulator() {
        cloudinary = Emulator.client();
        emulator = Emulator.control();
        emulator.reset();
    }

    private static String save(String type, String name, byte[] content, boolean overwrite) {
        return given().multiPart("name", name).multiPart("file", "upload.bin", content)
                .multiPart("overwrite", String.valueOf(overwrite))
                .when().post("/storage/" + type)
                .then().statusCode(200).extract().asString();
    }

    @Test
    void rawFileRoundTrip() {
        byte[] content = Samples.random(300_000, 1);
        String stored = save("raw", "docs/report.pdf", content, false);
        assertEquals("media/docs/report.pdf", stored, "the prefix comes first and raw names keep their extension");

        byte[] opened = given().queryParam("name", stored).get("/storage/raw/content")
                .then().statusCode(200).extract().asByteArray();
        assertArrayEquals(content, opened, "open() reads the stored bytes");

        String url = given().queryParam("name", stored).get("/storage/raw/url").then().statusCode(200).extract()
                .asString();
        assertArrayEquals(content, RestAssured.get(url).then().statusCode(200).extract().asByteArray(),
                "the delivery URL serves the stored bytes");

        given().queryParam("name", stored).get("/storage/raw/size").then().statusCode(200)
                .body(equalTo(String.valueOf(content.length)));
        given().queryParam("name", stored).get("/storage/raw/exists").then().statusCode(200).body(equalTo("true"));
        given().queryParam("folder", "media/docs").get("/storage/raw/list").then().statusCode(200)
                .body("files", equalTo(List.of(stored)));

        given().queryParam("name", stored).delete("/storage/raw").then().statusCode(200).body("existed", equalTo(true));
        given().queryParam("name", stored).get("/storage/raw/exists").then().statusCode(200).body(equalTo("false"));
        given().queryParam("name", stored).delete("/storage/raw").then().statusCode(200).body("existed", equalTo(false));
        given().queryParam("name", stored).get("/storage/raw/size").then().statusCode(404);
        assertEquals(0, emulator.requestCount("admin:resources:get"), "per-file calls spend no Admin API budget");
    }

    @Test
    void imagePublicIdDropsTheExtension() throws Exception {
        String stored = save("image", "cats/tom.png", PictureResourceTest.png(40, 30), false);
        assertEquals("media/cats/tom.png", stored);
        var resource = cloudinary.api().resource("media/cats/tom", ObjectUtils.emptyMap());
        assertEquals("png", resource.get("format"));
        assertEquals(40, ((Number) resource.get("width")).intValue());
        String thumbnail = given().queryParam("name", stored).queryParam("width", 20).get("/storage/image/url")
                .then().statusCode(200).extract().asString();
        assertTrue(thumbnail.contains("/image/upload/c_fill,h_20,w_20/"), thumbnail);
        assertTrue(thumbnail.endsWith("/media/cats/tom.png"), thumbnail);
        RestAssured.get(thumbnail).then().statusCode(200);
    }

    @Test
    void everyUploadCarriesTheMediaTag() throws Exception {
        save("raw", "tagged/a.txt", Samples.text("a"), false);
        var resource = cloudinary.api().resource("media/tagged/a.txt", ObjectUtils.asMap("resource_type", "raw"));
        assertEquals(List.of("media"), resource.get("tags"));
    }

    @Test
    void takenNamesGetAUniqueSuffix() {
        String first = save("raw", "dup/a.txt", Samples.text("first"), false);
        String second = save("raw", "dup/a.txt", Samples.text("second"), false);
        assertEquals("media/dup/a.txt", first);
        assertNotEquals(first, second);
        assertTrue(second.matches("media/dup/a_[a-z0-9]{7}\\.txt"), second);
        given().queryParam("name", first).get("/storage/raw/content").then().body(equalTo("first"));
        given().queryParam("name", second).get("/storage/raw/content").then().body(equalTo("second"));
    }

    @Test
    void overwriteReplacesInPlace() {
        String first = save("raw", "over/a.txt", Samples.text("old"), true);
        String second = save("raw", "over/a.txt", Samples.text("new"), true);
        assertEquals(first, second);
        given().queryParam("name", first).get("/storage/raw/content").then().body(equalTo("new"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "../escape.txt", "a/../../b.txt", "/absolute.txt", "back\\slash.txt", "a//b.txt",
            "ctrl\u0001.txt", "question?.txt" })
    void badNamesAreRefusedBeforeAnyRequest(String name) {
        long before = emulator.totalRequests();
        given().multiPart("name", name).multiPart("file", "x.txt", Samples.text("x"))
                .when().post("/storage/raw")
                .then().statusCode(400).body("error", containsString("Invalid media name"));
        assertEquals(before, emulator.totalRequests(), "nothing was sent for " + name);
    }

    @Test
    void overlongNameIsRefused() {
        given().multiPart("name", "n".repeat(300) + ".txt").multiPart("file", "x.txt", Samples.text("x"))
                .when().post("/storage/raw")
                .then().statusCode(400).body("error", containsString("at most 255"));
        assertEquals(0, emulator.totalRequests());
    }

    @Test
    void serverErrorIsRetriedAndStoresOneFile() {
        emulator.fault("upload:upload", 500, 1);
        String stored = save("raw", "retry/a.txt", Samples.text("retried"), false);
        assertEquals("media/retry/a.txt", stored);
        assertEquals(2, emulator.requestCount("upload:upload"), "one failure, one retry");
        given().queryParam("folder", "media/retry").get("/storage/raw/list").then()
                .body("files", equalTo(List.of("media/retry/a.txt")));
    }

    @Test
    void rangeReadsPartOfAFile() {
        byte[] content = Samples.random(10_000, 7);
        String stored = save("raw", "range/video.bin", content, false);
        byte[] part = given().queryParam("name", stored).header("Range", "bytes=100-199")
                .get("/storage/raw/content").then().statusCode(206).extract().asByteArray();
        byte[] expected = new byte[100];
        System.arraycopy(content, 100, expected, 0, 100);
        assertArrayEquals(expected, part);
    }

    @Test
    void streamsOfUnknownLengthAreStoredWhole() {
        byte[] content = Samples.random(2_500_000, 3);
        String stored = given().multiPart("name", "streams/big.bin").multiPart("file", "big.bin", content)
                .multiPart("stream", "true")
                .when().post("/storage/raw").then().statusCode(200).extract().asString();
        assertArrayEquals(content, given().queryParam("name", stored).get("/storage/raw/content").then()
                .statusCode(200).extract().asByteArray());
    }

    @Test
    void videoStorageAcceptsVideosWhole() {
        byte[] video = Samples.mp4(3_000_000, 11);
        String stored = given().multiPart("name", "clips/intro.mp4").multiPart("file", "intro.mp4", video)
                .multiPart("stream", "true")
                .when().post("/storage/video").then().statusCode(200).extract().asString();
        assertEquals("media/clips/intro.mp4", stored);
        given().queryParam("name", stored).get("/storage/video/size").then().body(equalTo(String.valueOf(video.length)));
    }

    @Test
    void videoStorageRefusesAPictureNamedLikeAVideo() {
        given().multiPart("name", "clips/fake.mp4").multiPart("file", "fake.mp4", PictureResourceTest.png(10, 10))
                .when().post("/storage/video")
                .then().statusCode(400).body("error", equalTo("Please upload a valid video file."));
        assertEquals(0, emulator.requestCount("upload:upload"));
    }
}
