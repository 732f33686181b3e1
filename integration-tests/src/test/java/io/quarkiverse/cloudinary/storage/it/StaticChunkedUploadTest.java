package io.quarkiverse.cloudinary.storage.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkiverse.cloudinary.storage.statics.StaticAsset;
import io.quarkiverse.cloudinary.storage.statics.StaticResources;
import io.quarkiverse.cloudinary.storage.statics.StaticUploadReport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Static files above the chunked-upload threshold go up in chunks, read from the class path as they are sent. The
 * threshold is lowered so that the demo's logo (2,791 bytes) takes three chunks.
 */
@QuarkusTest
@TestProfile(StaticChunkedUploadTest.SmallChunks.class)
class StaticChunkedUploadTest {

    static final int CHUNK = 1_000;

    public static class SmallChunks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.cloudinary.media.chunked-upload-threshold", String.valueOf(CHUNK),
                    "quarkus.cloudinary.media.chunk-size", String.valueOf(CHUNK));
        }
    }

    @Inject
    StaticResources statics;

    @Test
    void largeFilesGoInChunks() throws IOException {
        EmulatorControlClient emulator = Emulator.control();
        emulator.reset();
        StaticAsset logo = statics.manifest().find("img/logo.png").orElseThrow();
        long chunks = (logo.bytes() + CHUNK - 1) / CHUNK;
        assertEquals(3, chunks);
        long small = statics.manifest().assets().stream().filter(a -> a.bytes() <= CHUNK).count();
        assertEquals(statics.manifestSize() - 1, small, "only the logo is above the threshold");

        StaticUploadReport report = statics.upload();
        assertEquals(0, report.failed(), () -> String.join("\n", report.failures()));
        assertEquals(statics.manifestSize() + 1, report.uploaded());
        assertEquals(small + 1 + chunks, emulator.requestCount("upload:upload"), "small files, record, chunks");
        assertEquals(2 + small + 1 + chunks, report.requests());

        byte[] expected;
        try (InputStream in = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream(logo.classpathResource())) {
            expected = in.readAllBytes();
        }
        assertArrayEquals(expected, given().get(statics.url("img/logo.png")).then().statusCode(200).extract()
                .asByteArray(), "the chunks were put together");

        emulator.resetRequestCounts();
        assertEquals(0, statics.upload().uploaded());
        assertEquals(0, emulator.requestCount("upload:upload"));
    }
}
