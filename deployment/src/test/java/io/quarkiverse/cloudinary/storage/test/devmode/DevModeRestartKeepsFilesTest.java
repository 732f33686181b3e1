package io.quarkiverse.cloudinary.storage.test.devmode;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusDevModeTest;

/**
 * In dev mode the emulator keeps its files in a directory under the build output by default, and says so at start:
 * a file uploaded before the Dev Service restarts (here because its configuration changed; a new {@code quarkus:dev}
 * does the same) still answers 200 after it, from a new emulator on the same directory and the same port.
 */
class DevModeRestartKeepsFilesTest {

    @RegisterExtension
    static final QuarkusDevModeTest devMode = new QuarkusDevModeTest()
            .setArchiveProducer(() -> ShrinkWrap.create(JavaArchive.class).addClass(EmulatorProbeResource.class)
                    .addAsResource(new StringAsset("quarkus.cloudinary.devservices.workers=4\n"),
                            "application.properties"))
            .setLogRecordPredicate(DevServiceLog::fromDevService);

    @Test
    void aFileUploadedBeforeARestartStillAnswersAfterIt() {
        // a name of its own: the directory outlives this test, as it outlives dev mode sessions
        String id = "restart/" + UUID.randomUUID() + ".txt";
        given().queryParam("id", id).post("/probe").then().statusCode(200);
        String before = given().queryParam("id", id).get("/probe/url").then().statusCode(200).extract().asString();
        given().get(before).then().statusCode(200).body(equalTo(id));

        devMode.modifyResourceFile("application.properties", p -> p.replace("workers=4", "workers=5"));

        String after = given().queryParam("id", id).get("/probe/url").then().statusCode(200).extract().asString();
        given().get(after).then().statusCode(200).body(equalTo(id));
        given().queryParam("id", id).get("/probe").then().statusCode(200).body(equalTo("generation-1 found"));

        List<String> starts = DevServiceLog.startLines(devMode.getLogRecords());
        assertEquals(2, starts.size(), "the configuration change restarted the emulator: " + starts);
        assertEquals(address(starts.get(0)), address(starts.get(1)),
                "the new emulator took the port of the one it replaced: " + starts);
        for (String start : starts) {
            assertTrue(start.matches(".*, files kept in /.*/cloudinary-emulator, across restarts"
                    + " \\(quarkus\\.cloudinary\\.devservices\\.store=memory keeps them in memory\\);.*"), start);
        }
    }

    private static String address(String startLine) {
        return startLine.substring(0, startLine.indexOf(" (cloud name"));
    }
}
