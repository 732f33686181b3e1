package io.quarkiverse.cloudinary.storage.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkiverse.cloudinary.storage.emulator.CloudinaryEmulator;
import io.quarkiverse.cloudinary.storage.statics.StaticResources;
import io.quarkiverse.cloudinary.storage.statics.StaticUploadReport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The upload on start runs in the background: the application serves requests while it lists slowly, readiness is
 * DOWN until it has finished, then UP.
 */
@QuarkusTest
@TestProfile(StaticUploadOnStartTest.UploadOnStart.class)
class StaticUploadOnStartTest {

    /** Long enough that the test's first request arrives while the listing is still on its way. */
    static final Duration LISTING_LATENCY = Duration.ofSeconds(8);

    public static class UploadOnStart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.cloudinary.static.upload", "on-start");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SlowListingEmulator.class));
        }
    }

    /** An emulator of its own, whose listings by tag are slow from the start. */
    public static class SlowListingEmulator extends OwnEmulatorResource {
        @Override
        protected void started(CloudinaryEmulator emulator) {
            emulator.controls().latency(Optional.of("admin:resources:by-tag"), LISTING_LATENCY);
        }
    }

    @Inject
    StaticResources statics;

    @Test
    void startupDoesNotWaitAndReadinessDoes() throws Exception {
        given().get("/q/health/ready").then().statusCode(503).body(containsString("in progress"));
        given().get("/pictures").then().statusCode(200);
        assertTrue(statics.progress().running(), "still uploading while the application answers");

        StaticUploadReport report = statics.upload();
        assertEquals(statics.manifestSize() + 1, report.uploaded(), "upload() waited for the running upload");
        assertEquals(0, report.failed());
        given().get("/q/health/ready").then().statusCode(200).body(containsString("Cloudinary static resources"));
    }
}
