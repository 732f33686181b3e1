package io.quarkiverse.cloudinary.storage.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The demo application on the emulator Dev Service, with no Cloudinary configuration at all. Every URL the test
 * fetches comes from the application, so the same test runs against the packaged application ({@code *IT}).
 */
@QuarkusTest
class PictureResourceTest {

    @Test
    void uploadedPictureIsListedAndDeliveredByteForByte() {
        byte[] png = png(320, 240);
        String title = "cat-" + UUID.randomUUID();

        given().redirects().follow(false)
                .multiPart("file", "cat.png", png, "image/png")
                .multiPart("title", title)
                .when().post("/pictures")
                .then().statusCode(303);

        Map<String, Object> picture = pictureTitled(title);
        assertTrue(((String) picture.get("publicId")).startsWith("demo/pictures/"), picture.toString());
        assertEquals(png.length, ((Number) picture.get("bytes")).intValue());

        byte[] delivered = RestAssured.get((String) picture.get("url")).then().statusCode(200)
                .extract().asByteArray();
        assertArrayEquals(png, delivered, "the delivery URL serves the uploaded bytes unchanged");

        String thumbnailUrl = (String) picture.get("thumbnailUrl");
        byte[] thumbnail = RestAssured.get(thumbnailUrl).then().statusCode(200).extract().asByteArray();
        BufferedImage image = decode(thumbnail);
        assertEquals(200, image.getWidth(), "c_fill,w_200,h_200 width of " + thumbnailUrl);
        assertEquals(200, image.getHeight(), "c_fill,w_200,h_200 height");
        assertEquals((byte) 0xFF, thumbnail[0], "the .jpg thumbnail is a JPEG");
        assertEquals((byte) 0xD8, thumbnail[1], "the .jpg thumbnail is a JPEG");
    }

    @Test
    void pageShowsTheThumbnail() {
        String title = "dog-" + UUID.randomUUID();
        given().redirects().follow(false)
                .multiPart("file", "dog.png", png(64, 64), "image/png")
                .multiPart("title", title)
                .when().post("/pictures")
                .then().statusCode(303);
        String thumbnailUrl = (String) pictureTitled(title).get("thumbnailUrl");

        given().when().get("/")
                .then().statusCode(200)
                .body(containsString(title), containsString("src=\"" + thumbnailUrl + "\""));
    }

    @Test
    void uploadWithoutFileIsRejected() {
        given().multiPart("title", "nothing")
                .when().post("/pictures")
                .then().statusCode(400);
    }

    private static Map<String, Object> pictureTitled(String title) {
        List<Map<String, Object>> pictures = given().when().get("/pictures")
                .then().statusCode(200).extract().jsonPath().getList("$");
        return pictures.stream().filter(p -> title.equals(p.get("title"))).findFirst()
                .orElseThrow(() -> new AssertionError("no picture titled " + title + " in " + pictures));
    }

    static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.ORANGE);
        graphics.fillRect(0, 0, width, height);
        graphics.setColor(Color.BLUE);
        graphics.fillOval(width / 4, height / 4, width / 2, height / 2);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new AssertionError("not a decodable image: " + bytes.length + " bytes");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
