package io.quarkiverse.cloudinary.storage.test.store;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;

import javax.imageio.ImageIO;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code CloudinaryFiles.store} refuses what it could not record, or what the field does not accept, before any upload:
 * the emulator Dev Service counts no upload request, so no orphan is left behind.
 */
class StoreChecksBeforeUploadTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .setArchiveProducer(() -> ShrinkWrap.create(JavaArchive.class)
                    .addClasses(Gallery.class, Frame.class, GalleryResource.class))
            .overrideConfigKey("quarkus.datasource.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:prechecks;DB_CLOSE_DELAY=-1")
            .overrideConfigKey("quarkus.hibernate-orm.schema-management.strategy", "drop-and-create");

    EmulatorControlClient emulator;

    @BeforeEach
    void resetEmulator() {
        emulator = new EmulatorControlClient(
                ConfigProvider.getConfig().getValue("quarkus.cloudinary.api-base-url", String.class));
        emulator.reset();
    }

    static byte[] png(int size) throws IOException {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(size);
        for (int x = 0; x < size; x++) {
            for (int y = 0; y < size; y++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private void refused(String attribute, byte[] content, int status, String message) {
        given().multiPart("file", "picture.png", content, "image/png")
                .when().post("/galleries/" + attribute)
                .then().statusCode(status).body(containsString(message));
        assertEquals(0, emulator.requestCount("upload:upload"), "nothing was uploaded for " + attribute);
    }

    @Test
    void aNullEmbeddableIsRefused() throws IOException {
        refused("frame.picture", png(4), 500, "Gallery.frame.picture: the embedded frame is null");
    }

    @Test
    void aNullCollectionIsRefused() throws IOException {
        refused("photos", png(4), 500, "Gallery.photos is null: initialise the collection");
    }

    @Test
    void anElementCollectionOfEmbeddablesIsRefused() throws IOException {
        refused("frames.picture", png(4), 500, "Gallery.frames.picture lies in frames, an element collection of"
                + " embeddables");
    }

    @Test
    void anUnknownAttributeIsRefused() throws IOException {
        refused("nothing", png(4), 500, "has no @CloudinaryFile attribute 'nothing'");
    }

    @Test
    void aTypeTheFieldDoesNotAcceptIsRefused() {
        byte[] gif = { 'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0, 0, 0, ';' };
        given().multiPart("file", "picture.png", gif, "image/png")
                .when().post("/galleries/thumbnail")
                .then().statusCode(400)
                .body("error", equalTo("Gallery.thumbnail accepts image/png; thumbnails/picture.png is image/gif"));
        assertEquals(0, emulator.requestCount("upload:upload"));
    }

    @Test
    void aFileLargerThanTheFieldAcceptsIsRefused() throws IOException {
        byte[] large = png(64);
        given().multiPart("file", "picture.png", large, "image/png")
                .when().post("/galleries/thumbnail")
                .then().statusCode(400)
                .body("error", equalTo("Gallery.thumbnail accepts at most 2048 bytes; thumbnails/picture.png has "
                        + large.length + " bytes"));
        assertEquals(0, emulator.requestCount("upload:upload"));
    }

    @Test
    void aStreamLargerThanTheFieldAcceptsIsRefusedWhileItIsSpooled() throws IOException {
        given().multiPart("file", "picture.png", png(64), "image/png").queryParam("stream", true)
                .when().post("/galleries/thumbnail")
                .then().statusCode(400)
                .body("error", equalTo("Gallery.thumbnail accepts at most 2048 bytes; thumbnails/picture.png has more"));
        assertEquals(0, emulator.requestCount("upload:upload"));
    }

    @Test
    void whatTheFieldAcceptsIsUploaded() throws IOException {
        given().multiPart("file", "picture.png", png(4), "image/png")
                .when().post("/galleries/thumbnail")
                .then().statusCode(200).body(equalTo("thumbnails/picture.png"));
        assertEquals(1, emulator.requestCount("upload:upload"), "the counter counts uploads");
        given().multiPart("file", "streamed.png", png(4), "image/png").queryParam("stream", true)
                .when().post("/galleries/thumbnail")
                .then().statusCode(200).body(equalTo("thumbnails/streamed.png"));
        assertEquals(2, emulator.requestCount("upload:upload"));
    }
}
