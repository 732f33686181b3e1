package io.quarkiverse.cloudinary.storage.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkiverse.cloudinary.storage.emulator.CloudinaryEmulator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** An application configured with a wrong secret gets Cloudinary's 401 as a clear error, not a stack trace. */
@QuarkusTest
@TestProfile(WrongCredentialsTest.WrongSecret.class)
class WrongCredentialsTest {

    public static class WrongSecret implements QuarkusTestProfile {
        @Override
        public java.util.List<TestResourceEntry> testResources() {
            return java.util.List.of(new TestResourceEntry(EmulatorWithWrongSecret.class));
        }
    }

    /** An emulator of its own, and an application that knows the right key but the wrong secret. */
    public static class EmulatorWithWrongSecret extends OwnEmulatorResource {
        @Override
        protected String cloudinaryUrl(CloudinaryEmulator emulator) {
            return "cloudinary://" + emulator.account().apiKey() + ":wrong-secret@" + emulator.account().cloudName();
        }
    }

    @Test
    void uploadFailsWithTheUnauthorizedMessage() {
        given().multiPart("name", "secret/a.txt").multiPart("file", "a.txt", Samples.text("a"))
                .when().post("/storage/raw")
                .then().statusCode(502)
                .body("status", equalTo(401))
                .body("error", allOf(containsString("upload of media/secret/a.txt failed: HTTP 401"),
                        containsString("Invalid Signature"), not(containsString("wrong-secret"))));
    }
}
