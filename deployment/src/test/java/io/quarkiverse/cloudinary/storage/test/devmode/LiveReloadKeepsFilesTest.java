package io.quarkiverse.cloudinary.storage.test.devmode;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusDevModeTest;

/** A live reload keeps the emulator, and with it every file uploaded before the reload, even those kept in memory. */
class LiveReloadKeepsFilesTest {

    @RegisterExtension
    static final QuarkusDevModeTest devMode = new QuarkusDevModeTest()
            .setArchiveProducer(() -> ShrinkWrap.create(JavaArchive.class).addClass(EmulatorProbeResource.class)
                    // in memory, files survive only if the emulator does
                    .addAsResource(new StringAsset("quarkus.cloudinary.devservices.store=memory\n"),
                            "application.properties"))
            .setLogRecordPredicate(DevServiceLog::fromDevService);

    @Test
    void filesSurviveLiveReload() {
        given().queryParam("id", "reload/kept.txt").post("/probe").then().statusCode(200)
                .body(equalTo("generation-1"));
        given().queryParam("id", "reload/kept.txt").get("/probe").then().statusCode(200)
                .body(equalTo("generation-1 found"));

        devMode.modifySourceFile(EmulatorProbeResource.class, source -> source.replace("generation-1", "generation-2"));

        given().queryParam("id", "reload/kept.txt").get("/probe").then().statusCode(200)
                .body(equalTo("generation-2 found"));
        given().queryParam("id", "reload/never-uploaded.txt").get("/probe").then().statusCode(200)
                .body(equalTo("generation-2 missing"));
        List<String> starts = DevServiceLog.startLines(devMode.getLogRecords());
        assertEquals(1, starts.size(), "one emulator for both generations: " + starts);
        assertTrue(starts.get(0).contains(", files kept in memory, "), starts.get(0));
    }
}
