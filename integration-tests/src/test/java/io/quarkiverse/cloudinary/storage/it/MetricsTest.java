package io.quarkiverse.cloudinary.storage.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The extension's meters, scraped over HTTP from {@code /q/metrics} after real uploads, failures, deletes, a static
 * upload and an orphan cleanup against the emulator. Meters count since the application started, so each check
 * compares a scrape taken before with one taken after.
 */
@QuarkusTest
class MetricsTest {

    @Inject
    CloudinaryOperations operations;

    @Test
    void uploadsDeletesCleanupsTheStaticUploadAndTheBudgetAreScraped() {
        EmulatorControlClient emulator = Emulator.reset(operations);
        Metrics before = Metrics.scrape();

        byte[] first = PictureResourceTest.png(40, 40);
        String location = given().redirects().follow(false).multiPart("title", "metered")
                .multiPart("image", "metered.png", first, "image/png")
                .when().post("/items").then().statusCode(303).extract().header("Location");
        byte[] second = PictureResourceTest.png(60, 60);
        given().multiPart("image", "metered-2.png", second, "image/png").when().post(location + "/image")
                .then().statusCode(200);
        given().multiPart("name", "metrics/a.txt").multiPart("file", "a.txt", Samples.text("abc"))
                .when().post("/storage/raw").then().statusCode(200);
        emulator.fault("upload:upload", 400, 1);
        given().multiPart("name", "metrics/refused.txt").multiPart("file", "refused.txt", Samples.text("no"))
                .when().post("/storage/raw").then().statusCode(502);
        given().queryParam("name", "media/metrics/a.txt").delete("/storage/raw").then().body("existed", equalTo(true));
        given().queryParam("name", "media/metrics/never.txt").delete("/storage/raw").then()
                .body("existed", equalTo(false));
        given().post("/static-resources/upload").then().statusCode(200).body("uploaded", greaterThan(0));
        // the first image is an orphan now; old enough once moved two hours back
        emulator.backdate("media/items/images/metered", Duration.ofHours(2));
        emulator.rateLimit(500, 321);
        given().post("/orphans").then().statusCode(200).body("deleted", equalTo(1));

        Metrics after = Metrics.scrape();
        assertEquals(2, delta(before, after, "cloudinary_uploads_seconds_count", "type", "image", "outcome", "success"));
        assertEquals(1, delta(before, after, "cloudinary_uploads_seconds_count", "type", "raw", "outcome", "success"));
        assertEquals(1, delta(before, after, "cloudinary_uploads_seconds_count", "type", "raw", "outcome",
                "bad_request"));
        assertTrue(delta(before, after, "cloudinary_uploads_seconds_sum", "type", "image") > 0, "durations");
        assertEquals(first.length + second.length, delta(before, after, "cloudinary_upload_size_bytes_sum", "type",
                "image"));
        assertEquals(1, delta(before, after, "cloudinary_deletes_seconds_count", "type", "raw", "outcome", "deleted"));
        assertEquals(1, delta(before, after, "cloudinary_deletes_seconds_count", "type", "raw", "outcome", "absent"));

        assertEquals(1, delta(before, after, "cloudinary_cleanup_runs_total", "cleanup", "orphans", "dry_run", "false",
                "result", "complete"));
        assertEquals(1, delta(before, after, "cloudinary_cleanup_files_total", "cleanup", "orphans", "dry_run",
                "false", "result", "deleted"));
        assertEquals(first.length, delta(before, after, "cloudinary_cleanup_deleted_size_bytes_total", "dry_run",
                "false"));

        // that run made a whole (small) pass, which now waits for its interval
        assertEquals(1, after.value("cloudinary_orphans_reconciliation_deleted"));
        assertEquals(1, after.value("cloudinary_orphans_reconciliation_waiting"));

        double uploadedStatics = delta(before, after, "cloudinary_static_upload_files_total", "result", "uploaded");
        assertTrue(uploadedStatics > 0, "static files uploaded: " + uploadedStatics);
        assertEquals(after.value("cloudinary_static_upload_total"), after.value("cloudinary_static_upload_done"));
        assertEquals(0, after.value("cloudinary_static_upload_running"));

        // the cleanup spent some of the 321 calls the emulator said were left
        double remaining = after.value("cloudinary_admin_rate_limit_remaining");
        assertTrue(remaining > 300 && remaining < 321, "remaining " + remaining);
        assertEquals(500, after.value("cloudinary_admin_rate_limit"));
        assertEquals(operations.rateLimit().orElseThrow().remaining(), remaining);
    }

    private static double delta(Metrics before, Metrics after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
