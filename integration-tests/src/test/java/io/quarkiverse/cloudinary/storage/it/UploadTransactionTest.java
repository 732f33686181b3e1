package io.quarkiverse.cloudinary.storage.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Every way an upload can fail, through HTTP, ends with no file without a row and no row without a file: the
 * transaction times out while the file is being sent, the upload itself times out and Cloudinary stores the file
 * afterwards, the commit fails after the upload, the request fails after the upload.
 */
@QuarkusTest
@TestProfile(UploadTransactionTest.ShortTransactions.class)
class UploadTransactionTest {

    static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(2);
    static final Duration DEADLINE = Duration.ofSeconds(5);

    /** Transactions that time out before uploads do (on purpose here: the deadline should be the shorter). */
    public static class ShortTransactions implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.transaction-manager.default-transaction-timeout", TRANSACTION_TIMEOUT.toSeconds() + "s",
                    "quarkus.cloudinary.http.deadline", DEADLINE.toSeconds() + "s",
                    "quarkus.cloudinary.retry.max-retries", "0");
        }
    }

    EmulatorControlClient emulator;
    Set<Long> rowsBefore;

    @BeforeEach
    void resetEmulator() {
        emulator = Emulator.control();
        emulator.reset();
        rowsBefore = new TreeSet<>(given().get("/items").then().statusCode(200).extract().jsonPath()
                .getList("id", Long.class));
    }

    @Test
    void transactionTimingOutDuringTheUploadLeavesNoFile() {
        long item = createItem("timeout", "before.png");
        // the answer comes after the transaction has timed out, well before the deadline
        emulator.latency("upload:upload", TRANSACTION_TIMEOUT.plusSeconds(1));
        given().multiPart("image", "late.png", PictureResourceTest.png(30, 30), "image/png")
                .when().post("/items/" + item + "/image")
                .then().statusCode(500);
        emulator.latency("upload:upload", Duration.ZERO);

        assertEquals(1, emulator.requestCount("upload:destroy"), "the late file was deleted at once");
        given().get("/items/" + item).then().body("image", equalTo("media/items/images/before.png"));
        assertRowsAndFilesMatch();
    }

    @Test
    void uploadTimingOutAndStoredAfterwardsIsDeletedLater() throws InterruptedException {
        // outside any transaction, past the deadline: the application gives up, the emulator stores the file two seconds later
        emulator.latency("upload:upload", DEADLINE.plusSeconds(2));
        given().multiPart("name", "items/images/given-up.png")
                .multiPart("file", "given-up.png", PictureResourceTest.png(30, 30), "image/png")
                .when().post("/storage/image")
                .then().statusCode(502);
        emulator.latency("upload:upload", Duration.ZERO);

        // the application looks again one deadline after the failure
        long until = System.nanoTime() + DEADLINE.multipliedBy(3).toNanos();
        while (emulator.requestCount("upload:destroy") == 0 && System.nanoTime() < until) {
            Thread.sleep(200);
        }
        assertEquals(1, emulator.requestCount("upload:destroy"), "the file Cloudinary stored late was deleted");
        assertRowsAndFilesMatch();
    }

    /**
     * @param endpoint {@code image-then-failing-commit}: the commit fails after the upload; {@code image} with
     *        {@code failAfterUpload}: the request fails after the upload and its transaction rolls back
     */
    @ParameterizedTest
    @CsvSource({ "image-then-failing-commit, failAtCommit", "image, failAfterUpload" })
    void failingAfterTheUploadLeavesNoFile(String endpoint, String failure) {
        long item = createItem(failure, "kept-" + failure + ".png");
        given().multiPart("image", "dropped.png", PictureResourceTest.png(30, 30), "image/png")
                .multiPart("failAfterUpload", Boolean.toString(failure.equals("failAfterUpload")))
                .when().post("/items/" + item + "/" + endpoint)
                .then().statusCode(500);

        given().get("/items/" + item).then().body("image", equalTo("media/items/images/kept-" + failure + ".png"));
        assertEquals(1, emulator.requestCount("upload:destroy"), "the new file was deleted");
        assertRowsAndFilesMatch();
    }

    private static long createItem(String title, String image) {
        String location = given().redirects().follow(false)
                .multiPart("title", title)
                .multiPart("image", image, PictureResourceTest.png(20, 20), "image/png")
                .when().post("/items").then().statusCode(303).extract().header("Location");
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    /**
     * The images the rows of this test reference are exactly the images the emulator holds: no file without a row, no
     * row without a file. The emulator was reset before the test, and rows of earlier tests are left out.
     */
    private void assertRowsAndFilesMatch() {
        Set<String> files = new TreeSet<>(given().queryParam("folder", "media/items/images").get("/storage/image/list")
                .then().statusCode(200).extract().jsonPath().getList("files", String.class));
        Set<String> referenced = new TreeSet<>();
        for (Map<String, Object> row : given().get("/items").then().statusCode(200).extract().jsonPath()
                .<Map<String, Object>> getList("$")) {
            if (!rowsBefore.contains(((Number) row.get("id")).longValue()) && row.get("image") != null) {
                referenced.add(row.get("image").toString());
            }
        }
        assertEquals(referenced, files, "the rows' images and the stored images");
    }
}
