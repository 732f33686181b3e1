package io.quarkiverse.cloudinary.storage.test.devmode;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusDevModeTest;

/** A live reload keeps the emulator, and with it every file uploaded before the reload. */
class LiveReloadKeepsFilesTest {

    @RegisterExtension
    static final QuarkusDevModeTest devMode = new QuarkusDevModeTest()
            .setArchiveProducer(() -> ShrinkWrap.create(JavaArchive.class).addClass(EmulatorProbeResource.class));

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
    }
}
