package io.quarkiverse.cloudinary.storage.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Orphan cleanup in the packaged application (JVM jar, or native executable with -Dnative), driven over HTTP only: a
 * replaced image becomes an orphan, the scheduled job finds it in a dry run every second, and a run on demand deletes
 * it and keeps the image the row references.
 */
@QuarkusIntegrationTest
@TestProfile(OrphanCleanupIT.EverySecondDryRun.class)
class OrphanCleanupIT {

    public static class EverySecondDryRun implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.cloudinary.orphans.cleanup.cron", "* * * * * ?",
                    "quarkus.cloudinary.orphans.cleanup.dry-run", "true",
                    "quarkus.cloudinary.orphans.max-delete-ratio", "1");
        }
    }

    @Test
    void theJobFindsTheReplacedImageAndARunOnDemandDeletesIt() throws InterruptedException {
        EmulatorControlClient emulator = Emulator.control();
        emulator.reset();
        String location = given().redirects().follow(false)
                .multiPart("title", "orphans")
                .multiPart("image", "first.png", PictureResourceTest.png(20, 20), "image/png")
                .when().post("/items").then().statusCode(303).extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        given().multiPart("image", "second.png", PictureResourceTest.png(30, 30), "image/png")
                .when().post("/items/" + id + "/image").then().statusCode(200);
        // past the minimum age the cleanup waits for before it judges a file
        emulator.backdate("", Duration.ofHours(2));
        Instant backdated = Instant.now();

        JsonPath report = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            var response = given().get("/orphans/last");
            if (response.statusCode() == 200
                    && Instant.parse(response.jsonPath().getString("startedAt")).isAfter(backdated)) {
                report = response.jsonPath();
                break;
            }
            Thread.sleep(200);
        }
        assertTrue(report != null, "a scheduled run reported within 20 s");
        assertTrue(report.getBoolean("dryRun"), "the job runs dry");
        assertEquals("media/items/images/first", report.getString("orphans[0].publicId"));
        given().queryParam("name", "media/items/images/first.png").get("/storage/image/exists").then()
                .body(equalTo("true"));

        given().post("/orphans").then().statusCode(200)
                .body("deleted", equalTo(1))
                .body("orphans[0].publicId", equalTo("media/items/images/first"));
        given().queryParam("name", "media/items/images/first.png").get("/storage/image/exists").then()
                .body(equalTo("false"));
        given().queryParam("name", "media/items/images/second.png").get("/storage/image/exists").then()
                .body(equalTo("true"));
    }
}
