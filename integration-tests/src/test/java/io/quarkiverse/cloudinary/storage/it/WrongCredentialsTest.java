package io.quarkiverse.cloudinary.storage.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import io.quarkiverse.cloudinary.storage.emulator.CloudinaryEmulator;
import io.quarkiverse.cloudinary.storage.emulator.EmulatorAccount;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * An application configured with a wrong secret gets Cloudinary's 401, which the default mapper answers as a 502 that
 * says nothing of the credentials: Cloudinary's message, which names the key and shows the signature and the string
 * that was signed, stays in the log.
 */
@QuarkusTest
@TestProfile(WrongCredentialsTest.WrongSecret.class)
class WrongCredentialsTest {

    static final String WRONG_SECRET = "wrong-secret";

    public static class WrongSecret implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(EmulatorWithWrongSecret.class));
        }
    }

    /** An emulator of its own, and an application that knows the right key but the wrong secret. */
    public static class EmulatorWithWrongSecret extends OwnEmulatorResource {
        static volatile EmulatorAccount account;

        @Override
        protected String cloudinaryUrl(CloudinaryEmulator emulator) {
            account = emulator.account();
            return "cloudinary://" + account.apiKey() + ":" + WRONG_SECRET + "@" + account.cloudName();
        }
    }

    @Test
    void theErrorBodyNamesTheOperationAndNothingOfTheCredentials() {
        String body = given().multiPart("name", "secret/a.txt").multiPart("file", "a.txt", Samples.text("a"))
                .when().post("/storage/raw")
                .then().statusCode(502)
                .body("error", equalTo("Cloudinary answered the upload of media/secret/a.txt with HTTP 401"))
                .extract().asString();
        EmulatorAccount account = EmulatorWithWrongSecret.account;
        for (String leak : List.of(account.apiKey(), account.apiSecret(), WRONG_SECRET, "signature", "string to sign")) {
            assertFalse(body.toLowerCase(Locale.ROOT).contains(leak.toLowerCase(Locale.ROOT)),
                    "the body gives away '" + leak + "': " + body);
        }
    }
}
