package io.quarkiverse.cloudinary.storage.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/** With authenticated delivery, every URL the storage gives is signed, and unsigned or tampered ones are refused. */
@QuarkusTest
@TestProfile(AuthenticatedMediaTest.Authenticated.class)
class AuthenticatedMediaTest {

    public static class Authenticated implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.cloudinary.media.delivery-type", "authenticated");
        }
    }

    @Test
    void signedUrlsWorkAndOthersAreRefused() {
        byte[] picture = PictureResourceTest.png(80, 60);
        String stored = given().multiPart("name", "private/me.png").multiPart("file", "me.png", picture)
                .when().post("/storage/image").then().statusCode(200).extract().asString();

        String url = given().queryParam("name", stored).get("/storage/image/url").then().statusCode(200).extract()
                .asString();
        assertTrue(url.contains("/image/authenticated/s--"), url);
        assertArrayEquals(picture, RestAssured.get(url).then().statusCode(200).extract().asByteArray());

        String thumbnail = given().queryParam("name", stored).queryParam("width", 20).get("/storage/image/url")
                .then().extract().asString();
        int status = RestAssured.get(thumbnail).then().extract().statusCode();
        org.junit.jupiter.api.Assertions.assertEquals(200, status, thumbnail);

        String unsigned = url.replaceFirst("/s--[^/]+--", "");
        RestAssured.get(unsigned).then().statusCode(401).header("X-Cld-Error", "deny or ACL failure");
        String tampered = url.replaceFirst("/s--[^/]+--", "/s--AAAAAAAA--");
        RestAssured.get(tampered).then().statusCode(401);

        String download = given().queryParam("name", stored).queryParam("seconds", 60)
                .get("/storage/image/expiring-url").then().statusCode(200).extract().asString();
        // the SDK encoded the query already: RestAssured must send it as it is
        assertArrayEquals(picture, given().urlEncodingEnabled(false).get(download).then().statusCode(200).extract()
                .asByteArray());
        String expired = given().queryParam("name", stored).queryParam("seconds", -60)
                .get("/storage/image/expiring-url").then().statusCode(200).extract().asString();
        given().urlEncodingEnabled(false).get(expired).then().statusCode(401);

        assertArrayEquals(picture, given().queryParam("name", stored).get("/storage/image/content").then()
                .statusCode(200).extract().asByteArray(), "open() signs its own request");
    }
}
