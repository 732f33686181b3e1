package io.quarkiverse.cloudinary.storage.it.storageonly;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * An application with the extension and Quarkus REST with Qute only: no Hibernate ORM, no scheduler, no datasource.
 * It builds, starts on the emulator Dev Service, stores and serves files and links its static resources; what it
 * leaves out, {@link WithoutOrmBeansTest} shows.
 */
@QuarkusTest
public class StorageOnlyTest {

    private static final Pattern LINKS = Pattern.compile("(?:href|src)=\"([^\"]+)\"");

    @Test
    void imagesAndRawFilesAreStoredServedAndDeleted() {
        byte[] document = "storage only\n".getBytes(StandardCharsets.UTF_8);
        String stored = given().multiPart("name", "notes/readme.txt")
                .multiPart("file", "readme.txt", document, "text/plain")
                .when().post("/files/raw").then().statusCode(200).extract().asString();
        assertEquals("notes/readme.txt", stored);
        byte[] read = given().queryParam("name", stored).get("/files/raw/content").then().statusCode(200)
                .extract().asByteArray();
        assertArrayEquals(document, read);

        String image = given().multiPart("name", "logos/logo.png")
                .multiPart("file", "logo.png", resource("META-INF/resources/img/logo.png"), "image/png")
                .when().post("/files/image").then().statusCode(200).extract().asString();
        String url = given().queryParam("name", image).get("/files/image/url").then().statusCode(200).extract()
                .asString();
        assertServedByTheEmulator(url);
        RestAssured.get(url).then().statusCode(200).header("Content-Type", startsWith("image/"));

        given().queryParam("name", stored).delete("/files/raw").then().statusCode(200).body(containsString("true"));
        given().queryParam("name", stored).get("/files/raw/content").then().statusCode(404);
    }

    @Test
    void staticResourcesAreUploadedAndLinkedFromQute() {
        String report = given().post("/static-upload").then().statusCode(200).extract().asString();
        String[] counts = report.split(" ");
        assertEquals("0", counts[2], "failed uploads: " + report);
        // the two static files, and the record of this deployment's manifest that the redundant cleanup reads
        assertEquals(3, Integer.parseInt(counts[0]) + Integer.parseInt(counts[1]), "uploaded and skipped: " + report);

        String page = given().get("/").then().statusCode(200).extract().asString();
        List<String> links = new ArrayList<>();
        Matcher link = LINKS.matcher(page);
        while (link.find()) {
            links.add(link.group(1));
        }
        assertEquals(2, links.size(), page);
        for (String url : links) {
            assertServedByTheEmulator(url);
            RestAssured.get(url).then().statusCode(200);
        }
        assertTrue(links.get(1).contains("/c_scale,w_32/"), links.get(1));
        RestAssured.get(links.get(0)).then().body(containsString("background"));
    }

    /** The Dev Service's URLs are local; Cloudinary's are not: a 200 from a local URL is the emulator's. */
    private static void assertServedByTheEmulator(String url) {
        assertTrue(url.startsWith("http://127.0.0.1:") || url.startsWith("http://localhost:"), url);
    }

    private static byte[] resource(String name) {
        try (var in = StorageOnlyTest.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
