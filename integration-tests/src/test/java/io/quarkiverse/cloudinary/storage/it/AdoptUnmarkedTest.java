package io.quarkiverse.cloudinary.storage.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.cloudinary.Cloudinary;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The migration step: with adoption on, files without any owner mark (left by an earlier version or by the Django
 * package) under the media prefix count as this application's; files another owner marked still never do.
 */
@QuarkusTest
@TestProfile(AdoptUnmarkedTest.Adopting.class)
class AdoptUnmarkedTest {

    public static class Adopting implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.cloudinary.adopt-unmarked", "true");
        }
    }

    @Inject
    CloudinaryOperations operations;

    @Inject
    Cloudinary cloudinary;

    @Inject
    StorageOwner owner;

    EmulatorControlClient emulator;

    @BeforeEach
    void freshAccount() {
        emulator = Emulator.reset(operations);
        MediaAccount.clearRows();
    }

    @Test
    void unmarkedFilesUnderThePrefixAreAdoptedOtherOwnersFilesNever() {
        Duration old = Duration.ofHours(3);
        emulator.seed("raw", "media/legacy/", ".txt", 2, 10, "media", old);
        emulator.seed("raw", "media/mine/", ".txt", 1, 10, "media", old, owner.context());
        emulator.seed("raw", "media/theirs/", ".txt", 3, 10, "media", old,
                Map.of(StorageOwner.OWNER_KEY, "another-app:prod"));
        // unmarked, with the tag, outside the media prefix: not this application's media
        emulator.seed("raw", "elsewhere/", ".txt", 1, 10, "media", old);

        // all three are orphans: past the guard's ratio, so confirmed as a person would
        given().queryParam("confirm", 3).post("/orphans").then().statusCode(200)
                .body("scanned", equalTo(3))
                .body("notOwned", equalTo(4))
                .body("deleted", equalTo(3));

        Set<String> left = new TreeSet<>(MediaAccount.media(cloudinary, CloudinaryResourceType.RAW).keySet());
        assertEquals(Set.of("media/theirs/0.txt", "media/theirs/1.txt", "media/theirs/2.txt", "elsewhere/0.txt"), left);
    }
}
