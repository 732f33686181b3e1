package io.quarkiverse.cloudinary.storage.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Above the threshold, uploads go in chunks. Thresholds are lowered so the edge cases stay small: exactly one chunk,
 * one byte over a chunk, many chunks, from a stream of unknown length and from a file.
 */
@QuarkusTest
@TestProfile(ChunkedUploadTest.SmallChunks.class)
class ChunkedUploadTest {

    static final int CHUNK = 64 * 1024;

    public static class SmallChunks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.cloudinary.media.chunked-upload-threshold", String.valueOf(CHUNK),
                    "quarkus.cloudinary.media.chunk-size", String.valueOf(CHUNK));
        }
    }

    EmulatorControlClient emulator;

    @BeforeEach
    void resetEmulator() {
        emulator = Emulator.control();
        emulator.reset();
    }

    @ParameterizedTest
    @CsvSource({
            // size, stream?, requests
            "65536, true, 1", // at the threshold: one plain upload
            "65537, true, 2", // one byte over: two chunks
            "65537, false, 2",
            "655360, true, 10", // exactly ten chunks
            "700001, false, 11",
    })
    void storedWholeInTheExpectedNumberOfRequests(int size, boolean stream, int requests) {
        byte[] content = Samples.random(size, size);
        String name = "chunks/" + size + "-" + stream + ".bin";
        String stored = given().multiPart("name", name).multiPart("file", "f.bin", content)
                .multiPart("stream", String.valueOf(stream))
                .when().post("/storage/raw").then().statusCode(200).extract().asString();
        assertEquals("media/" + name, stored);
        assertEquals(requests, emulator.requestCount("upload:upload"), "upload requests for " + size + " bytes");
        assertArrayEquals(content, given().queryParam("name", stored).get("/storage/raw/content").then()
                .statusCode(200).extract().asByteArray());
    }
}
