package io.quarkiverse.cloudinary.storage.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;

/**
 * File names chosen by users, sent as a browser or {@code curl -F image=@"Q&A.png"} sends them, are cleaned into
 * stored names rather than refused; the field holds the stored name and the file answers at its URL.
 */
@QuarkusTest
class ClientFileNamesTest {

    static final String FOLDER = "media/items/images/";

    /**
     * Posts a new item with one image under the client's file name, in the body {@code curl -F title=names -F
     * "image=@cat.png;filename=<name>;type=image/png"} sends: the name's UTF-8 bytes as they are, in the part's header.
     *
     * @return the stored name the item's field holds
     */
    static String upload(String clientName, byte[] png) {
        String boundary = "------------------------" + Long.toHexString(clientName.hashCode() & 0xffffffffL);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nnames\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"" + clientName
                + "\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(png);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        String location = given().redirects().follow(false)
                .contentType("multipart/form-data; boundary=" + boundary).body(body.toByteArray())
                .when().post("/items")
                .then().statusCode(303).extract().header("Location");
        return given().get(location).then().statusCode(200).extract().jsonPath().getString("image");
    }

    /** The stored file answers at its delivery URL, with the bytes that were sent. */
    static void delivered(String stored, byte[] png) {
        String url = given().queryParam("name", stored).get("/storage/image/url").then().statusCode(200).extract()
                .asString();
        // the URL is already encoded as the SDK builds it
        byte[] served = given().urlEncodingEnabled(false).get(url).then().statusCode(200).contentType("image/png")
                .extract().asByteArray();
        assertArrayEquals(png, served, stored);
    }

    @ParameterizedTest(name = "\"{0}\" is stored as \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "Q&A.png|Q_A",
            "100%.png|100_",
            "what?#+.png|what___",
            "a%20b.png|a_20b",
            "<b>bold.png|_b_bold",
            "photo of me.png|photo of me",
            "été.png|été",
            "../../etc/passwd.png|passwd",
            "uploads/2026/cat.png|cat",
            "..|file",
    })
    void unsafeNamesAreCleaned(String clientName, String expectedBase) {
        byte[] png = PictureResourceTest.png(12, 8);
        String stored = upload(clientName, png);
        assertTrue(stored.matches(Pattern.quote(FOLDER + expectedBase) + "(_[a-z0-9]{7})?"
                + (expectedBase.equals("file") ? "" : "\\.png")), stored);
        delivered(stored, png);
    }

    @Test
    void controlCharactersAreDropped() {
        byte[] png = PictureResourceTest.png(9, 9);
        String stored = upload("tab\tbell\u0007.png", png);
        assertTrue(stored.matches(FOLDER + "tabbell(_[a-z0-9]{7})?\\.png"), stored);
        delivered(stored, png);
    }

    @Test
    void aLongNameIsShortenedKeepingItsExtension() {
        byte[] png = PictureResourceTest.png(10, 10);
        String stored = upload("x".repeat(300) + ".png", png);
        assertTrue(stored.startsWith(FOLDER + "xxxx") && stored.endsWith(".png"), stored);
        assertTrue(stored.length() <= 255, stored.length() + " characters");
        delivered(stored, png);

        String second = upload("x".repeat(300) + ".png", png);
        assertNotEquals(stored, second, "a taken name gets the unique suffix, within 255 characters");
        assertEquals(255, second.length());
        delivered(second, png);
    }

    @Test
    void aTakenCleanedNameGetsTheUniqueSuffix() {
        byte[] first = PictureResourceTest.png(11, 7);
        byte[] second = PictureResourceTest.png(7, 11);
        String a = upload("taken&again.png", first);
        String b = upload("taken&again.png", second);
        assertTrue(b.matches(FOLDER + "taken_again_[a-z0-9]{7}\\.png"), b);
        assertNotEquals(a, b);
        delivered(a, first);
        delivered(b, second);
    }
}
