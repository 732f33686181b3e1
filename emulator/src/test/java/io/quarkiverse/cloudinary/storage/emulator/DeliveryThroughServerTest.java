package io.quarkiverse.cloudinary.storage.emulator;

import static io.quarkiverse.cloudinary.storage.emulator.UploadApiConformanceTest.fetch;
import static io.quarkiverse.cloudinary.storage.emulator.UploadApiConformanceTest.options;
import static io.quarkiverse.cloudinary.storage.emulator.UploadApiConformanceTest.png;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.cloudinary.Transformation;

/** Uploads through the Upload API, then delivery URLs built by the SDK, all on one running emulator. */
class DeliveryThroughServerTest {

    @RegisterExtension
    static final EmulatorFixture fixture = new EmulatorFixture();

    @Test
    void transformedThumbnailOfAnUploadedImage() throws Exception {
        fixture.uploader.upload(png(320, 240), options("public_id", "demo/pictures/cat"));
        String url = fixture.cloudinary.url()
                .transformation(new Transformation<>().width(200).height(200).crop("fill"))
                .format("jpg").generate("demo/pictures/cat");
        byte[] thumbnail = fetch(url);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(thumbnail));
        assertEquals(200, image.getWidth(), url);
        assertEquals(200, image.getHeight(), url);
        assertEquals((byte) 0xFF, thumbnail[0]);
    }

    @Test
    void percentEncodedCommasInTransformationsAreRead() throws Exception {
        fixture.uploader.upload(png(100, 50), options("public_id", "encoded"));
        String url = fixture.cloudinary.url()
                .transformation(new Transformation<>().width(40).height(40).crop("fill")).generate("encoded")
                .replace(",", "%2C");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(fetch(url)));
        assertEquals(40, image.getWidth(), url);
    }

    @Test
    void signedTransformedUrlWithEncodedCommas() throws Exception {
        fixture.uploader.upload(png(100, 50), options("public_id", "media/private/me", "type", "authenticated"));
        String url = fixture.cloudinary.url().type("authenticated").signed(true)
                .transformation(new Transformation<>().width(20).height(20).crop("fill")).format("png")
                .generate("media/private/me");
        assertEquals(20, ImageIO.read(new ByteArrayInputStream(fetch(url))).getWidth(), url);
        String encoded = url.replace(",", "%2C");
        assertEquals(20, ImageIO.read(new ByteArrayInputStream(fetch(encoded))).getWidth(), encoded);
    }
}
