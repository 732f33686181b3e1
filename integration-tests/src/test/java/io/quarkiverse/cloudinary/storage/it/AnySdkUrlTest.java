package io.quarkiverse.cloudinary.storage.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkiverse.cloudinary.storage.emulator.CloudinaryEmulator;
import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * The application configured with nothing but the {@code CLOUDINARY_URL} that the standalone emulator prints for any
 * SDK: uploads reach the emulator, and so do the delivery URLs the application renders, which answer 200.
 */
@QuarkusTest
@TestProfile(AnySdkUrlTest.AnySdkUrl.class)
class AnySdkUrlTest {

    public static class AnySdkUrl implements QuarkusTestProfile {
        /** Test resources configure the application at run time only: the build must be told not to start one. */
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.cloudinary.devservices.enabled", "false");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StandaloneEmulatorResource.class));
        }
    }

    /** A standalone emulator, and its printed line as the application's only Cloudinary setting. */
    public static class StandaloneEmulatorResource implements QuarkusTestResourceLifecycleManager {
        private StandaloneEmulator emulator;

        @Override
        public Map<String, String> start() {
            emulator = StandaloneEmulator.start(List.of());
            Map<String, String> config = new HashMap<>(emulator.applicationConfig());
            config.put("test.standalone-emulator.base-url", emulator.baseUrl());
            return config;
        }

        @Override
        public void stop() {
            emulator.close();
        }
    }

    @Test
    void uploadsAndRenderedUrlsReachTheEmulator() {
        String base = ConfigProvider.getConfig().getValue("test.standalone-emulator.base-url", String.class);
        EmulatorControlClient emulator = new EmulatorControlClient(base);
        String stored = given().multiPart("name", "any-sdk/cat.png")
                .multiPart("file", "cat.png", PictureResourceTest.png(40, 30), "image/png")
                .when().post("/storage/image").then().statusCode(200).extract().asString();
        assertEquals(1, emulator.requestCount("upload:upload"), "the upload went to the emulator");

        String original = given().queryParam("name", stored).get("/storage/image/url").then().statusCode(200)
                .extract().asString();
        String thumbnail = given().queryParam("name", stored).queryParam("width", 16).get("/storage/image/url")
                .then().statusCode(200).extract().asString();
        String cloud = CloudinaryEmulator.DEFAULT_ACCOUNT.cloudName();
        for (String url : new String[] { original, thumbnail }) {
            assertTrue(url.startsWith(base + "/" + cloud + "/image/upload/"), url);
            RestAssured.get(url).then().statusCode(200).header("Content-Type", startsWith("image/"));
        }
        assertEquals(2, emulator.requestCount("delivery:get"), "both URLs were served by the emulator");
    }
}
