package io.quarkiverse.cloudinary.storage.test.statics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.statics.StaticAsset;
import io.quarkiverse.cloudinary.storage.statics.StaticManifest;
import io.quarkiverse.cloudinary.storage.statics.StaticResources;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The build reads {@code META-INF/resources}, keeps what the include and exclude patterns select, hashes it, rewrites
 * style sheets, and records the manifest; hashed files are also served locally when asked.
 */
class StaticManifestTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .setArchiveProducer(() -> ShrinkWrap.create(JavaArchive.class)
                    .addAsResource(new StringAsset("body { background: url(../img/bg.jpg) }"),
                            "META-INF/resources/css/site.css")
                    .addAsResource(new StringAsset("JPEG"), "META-INF/resources/img/bg.jpg")
                    .addAsResource(new StringAsset("MP4"), "META-INF/resources/video/intro.webm")
                    .addAsResource(new StringAsset("<html></html>"), "META-INF/resources/index.html")
                    .addAsResource(new StringAsset("draft"), "META-INF/resources/drafts/notes.txt")
                    .addAsResource(new StringAsset("private"), "META-INF/resources/secret/key.txt"))
            .overrideConfigKey("quarkus.cloudinary.static.includes", "css/**,img/**,video/**,drafts/**,*.html")
            .overrideConfigKey("quarkus.cloudinary.static.excludes", "drafts/**,**.html")
            .overrideConfigKey("quarkus.cloudinary.static.prefix", "assets")
            .overrideConfigKey("quarkus.cloudinary.static.serve-hashed-locally", "true")
            .overrideConfigKey("quarkus.cloudinary.static.upload", "manual")
            .overrideConfigKey("quarkus.datasource.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:statics;DB_CLOSE_DELAY=-1");

    @Inject
    StaticManifest manifest;

    @Inject
    StaticResources statics;

    @Test
    void recordsTheSelectedFilesWithTheirTypesAndPublicIds() throws IOException {
        assertEquals(3, manifest.size(), "index.html, drafts/ and secret/ are left out");
        assertEquals(3, statics.manifestSize());

        StaticAsset image = manifest.find("img/bg.jpg").orElseThrow();
        assertEquals(CloudinaryResourceType.IMAGE, image.resourceType());
        assertTrue(image.hashedName().matches("img/bg\\.[0-9a-f]{12}\\.jpg"), image.hashedName());
        assertEquals("assets/" + image.hashedName().replace(".jpg", ""), image.publicId(), "no extension for images");
        assertEquals("assets/img/bg", image.unhashedPublicId());
        assertEquals("jpg", image.format());
        assertEquals(4, image.bytes());
        assertEquals("META-INF/resources/img/bg.jpg", image.classpathResource(), "unchanged files are not copied");

        StaticAsset video = manifest.find("video/intro.webm").orElseThrow();
        assertEquals(CloudinaryResourceType.VIDEO, video.resourceType());

        StaticAsset css = manifest.find("css/site.css").orElseThrow();
        assertEquals(CloudinaryResourceType.RAW, css.resourceType());
        assertEquals("assets/" + css.hashedName(), css.publicId(), "raw public ids keep their extension");
        assertEquals("", css.format());
        String expected = "body { background: url(../../../../../image/upload/v1/assets/" + image.hashedName() + ") }";
        assertEquals(expected, read(css.classpathResource()), "the rewritten style sheet is in the application");
        assertEquals(expected.length(), css.bytes());
        assertEquals("assets/cloudinary-manifests/", manifest.recordsFolder());
        assertTrue(manifest.id().matches("[0-9a-f]{20}"), manifest.id());
    }

    @Test
    void servesHashedFilesLocallyWithLocalReferences() {
        StaticAsset css = manifest.find("css/site.css").orElseThrow();
        StaticAsset image = manifest.find("img/bg.jpg").orElseThrow();
        given().get("/" + css.hashedName()).then().statusCode(200);
        assertEquals("body { background: url(../" + image.hashedName() + ") }",
                given().get("/" + css.hashedName()).asString());
        given().get("/" + image.hashedName()).then().statusCode(200);
    }

    @Test
    void urlsNameTheHashedFilesAndTransformImages() {
        StaticAsset image = manifest.find("img/bg.jpg").orElseThrow();
        String url = statics.url("img/bg.jpg");
        assertTrue(url.endsWith("/image/upload/v1/" + image.publicId() + ".jpg"), url);
        assertEquals(url.replace("/image/upload/v1/", "/image/upload/c_fill,h_20,w_10/v1/"),
                statics.url("/img/bg.jpg", "c_fill,h_20,w_10"));
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
