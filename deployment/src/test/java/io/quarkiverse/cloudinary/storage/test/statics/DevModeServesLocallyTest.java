package io.quarkiverse.cloudinary.storage.test.statics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusDevModeTest;

/**
 * In dev mode, static URLs point at the application's own files, and a changed static resource rebuilds the manifest.
 */
class DevModeServesLocallyTest {

    @RegisterExtension
    static final QuarkusDevModeTest devMode = new QuarkusDevModeTest()
            .setArchiveProducer(() -> ShrinkWrap.create(JavaArchive.class).addClass(StaticProbeResource.class)
                    .addAsResource(new StringAsset("body { color: red }"), "META-INF/resources/css/site.css"));

    @Test
    void localUrlsAndRebuiltManifest() {
        given().queryParam("name", "css/site.css").get("/static-probe/url").then().statusCode(200)
                .body(equalTo("/css/site.css"));
        given().get("/css/site.css").then().statusCode(200).body(equalTo("body { color: red }"));
        String before = given().queryParam("name", "css/site.css").get("/static-probe/hashed").asString();
        assertTrue(before.matches("css/site\\.[0-9a-f]{12}\\.css"), before);

        devMode.modifyResourceFile("META-INF/resources/css/site.css", css -> css.replace("red", "blue"));

        String after = given().queryParam("name", "css/site.css").get("/static-probe/hashed").asString();
        assertNotEquals(before, after, "the changed file has a new hashed name");
        given().get("/css/site.css").then().statusCode(200).body(equalTo("body { color: blue }"));
    }
}
