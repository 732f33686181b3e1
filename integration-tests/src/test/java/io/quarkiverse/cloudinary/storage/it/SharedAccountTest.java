package io.quarkiverse.cloudinary.storage.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.TransactionManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.cloudinary.Cloudinary;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFiles;
import io.quarkiverse.cloudinary.storage.media.MediaName;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;
import io.quarkiverse.cloudinary.storage.statics.StaticResources;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * One Cloudinary account shared by this application, another application, another environment of this one and a
 * developer's machine, all with the default tag and prefix; and the transaction paths that could lose a file a row
 * references. Everything through HTTP against the emulator, with the guard at its defaults.
 */
@QuarkusTest
class SharedAccountTest {

    private static final Duration OLD = Duration.ofHours(48);

    @Inject
    CloudinaryOperations operations;

    @Inject
    Cloudinary cloudinary;

    @Inject
    StorageOwner owner;

    @Inject
    CloudinaryFiles files;

    @Inject
    StaticResources statics;

    @Inject
    TransactionManager transactions;

    EmulatorControlClient emulator;

    @BeforeEach
    void freshAccountAndTables() {
        emulator = Emulator.reset(operations);
        MediaAccount.clearRows();
    }

    @AfterEach
    void noRowsLeft() {
        MediaAccount.clearRows();
    }

    /** The same application name in another environment, another application, a developer's machine. */
    private List<String> otherOwners() {
        String application = owner.owner().substring(0, owner.owner().lastIndexOf(':'));
        return List.of(application + ":staging", "another-app:prod", application + ":dev");
    }

    private long createItem(String title, String imageName, byte[] image) {
        String location = given().multiPart("title", title).multiPart("image", imageName, image, "image/png")
                .redirects().follow(false)
                .post("/items").then().statusCode(303).extract().header("Location");
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    private Set<String> images() {
        return MediaAccount.media(cloudinary, CloudinaryResourceType.IMAGE).keySet();
    }

    @Test
    void otherApplicationsEnvironmentsAndUnmarkedFilesAreNeverCandidates() {
        // three referenced files and two orphans of its own: below the guard's ratio, so the run deletes
        for (int i = 0; i < 3; i++) {
            createItem("mine " + i, "kept-" + i + ".png", PictureResourceTest.png(8 + i, 8));
        }
        emulator.seed("image", "media/items/images/mine-orphan-", ".png", 2, 10, "media", OLD, owner.context());
        for (String other : otherOwners()) {
            emulator.seed("image", "media/items/images/" + other.replace(':', '-') + "-", ".png", 3, 10, "media", OLD,
                    Map.of(StorageOwner.OWNER_KEY, other));
        }
        emulator.seed("image", "media/items/images/legacy-", ".png", 3, 10, "media", OLD);
        emulator.backdate("", OLD);
        int before = images().size();

        given().post("/orphans").then().statusCode(200)
                .body("deleted", equalTo(2))
                .body("scanned", equalTo(5))
                .body("referenced", equalTo(3))
                .body("guardTripped", equalTo(null));

        assertEquals(before - 2, images().size(), "only this application's two orphans went");
        assertTrue(images().stream().noneMatch(id -> id.contains("mine-orphan")));
        assertEquals(12, images().stream().filter(id -> !id.contains("mine") && !id.contains("kept")).count(),
                "every file of another owner, and every unmarked one, is still there");
    }

    @Test
    void anEmptyDatabaseDeletesNothingUntilAPersonConfirmsTheNumber() {
        for (int i = 0; i < 3; i++) {
            createItem("item " + i, "photo-" + i + ".png", PictureResourceTest.png(6 + i, 6));
        }
        emulator.backdate("", OLD);
        // the application restarted against an empty database: every one of its files looks unreferenced
        MediaAccount.clearRows();

        given().post("/orphans").then().statusCode(200)
                .body("deleted", equalTo(0))
                .body("orphansFound", equalTo(3))
                .body("orphans", hasSize(3))
                .body("guardTripped", containsString("max-delete-ratio"));
        assertEquals(3, images().size(), "the guard stopped the run before its first delete");
        assertEquals(0, emulator.requestCount("admin:resources:delete"));

        given().queryParam("confirm", 2).post("/orphans").then().statusCode(200)
                .body("deleted", equalTo(0))
                .body("guardTripped", containsString("not the 2 that were confirmed"));
        assertEquals(3, images().size());

        given().queryParam("confirm", 3).post("/orphans").then().statusCode(200)
                .body("deleted", equalTo(3))
                .body("guardTripped", equalTo(null));
        assertEquals(Set.of(), images());
    }

    @Test
    void aRetriedUploadOfIdenticalBytesNeverTakesAnotherRowsFile() {
        byte[] cat = PictureResourceTest.png(9, 7);
        long first = createItem("first", "cat.png", cat);
        String firstImage = given().get("/items/" + first).then().statusCode(200).extract().path("image");
        assertEquals("media/items/images/cat.png", firstImage);

        // the next upload call fails once; its retry finds the name taken by an identical file
        emulator.fault("upload:upload", 500, 1);
        // a title longer than its column: the second row never commits
        given().multiPart("title", "t".repeat(300)).multiPart("image", "cat.png", cat, "image/png")
                .redirects().follow(false)
                .post("/items").then().statusCode(500);

        assertEquals(Set.of("media/items/images/cat"), images(),
                "the first row's file is still there, and the rolled-back upload left nothing");
        given().get(files.storage(CloudinaryResourceType.IMAGE).url(firstImage)).then().statusCode(200);
    }

    @Test
    void aTransactionWhoseOutcomeIsUnknownKeepsItsFile() throws Exception {
        transactions.begin();
        MediaItem item = new MediaItem();
        item.title = "outcome unknown";
        String stored = files.store(item, "image", "heuristic.png",
                new ByteArrayInputStream(PictureResourceTest.png(5, 5)));
        item.persist();
        // a second resource that cannot say whether it committed, after the database did
        transactions.getTransaction().enlistResource(new HazardousXaResource());
        assertThrows(HeuristicMixedException.class, transactions::commit);

        assertEquals(1L, (long) QuarkusTransaction.requiringNew().call(() -> MediaItem.count()),
                "the row committed");
        assertEquals(Set.of(MediaName.publicId(CloudinaryResourceType.IMAGE, stored)), images(),
                "an unknown outcome is no rollback: the file stays");
    }

    @Test
    void otherOwnersStaticFilesAndDeploymentsAreNotOurs() {
        statics.upload();
        String records = statics.manifest().recordsFolder();
        Map<String, String> mine = owner.context();
        Map<String, String> staging = Map.of(StorageOwner.OWNER_KEY, otherOwners().get(0));
        // this application's previous deployment, and a file only it needs
        seedStatic("static/js/previous.aaaaaaaaaaaa.js", "previous", mine);
        seedStatic(records + "previous.txt", "raw\tstatic/js/previous.aaaaaaaaaaaa.js\tstatic/js/previous.js\n", mine);
        // a file of ours that the other environment's deployment uses too
        seedStatic("static/js/shared.bbbbbbbbbbbb.js", "shared", mine);
        // another environment: its own files, and more recent deployments than ours
        seedStatic("static/js/staging.cccccccccccc.js", "staging", staging);
        emulator.backdate("", OLD);
        for (int i = 0; i < 3; i++) {
            seedStatic(records + "staging-" + i + ".txt", "raw\tstatic/js/staging.cccccccccccc.js\tstatic/js/staging.js\n"
                    + "raw\tstatic/js/shared.bbbbbbbbbbbb.js\tstatic/js/shared.js\n", staging);
        }
        // an unmarked leftover of an older version
        seedStatic("static/js/legacy.dddddddddddd.js", "legacy", Map.of());
        seedStatic("static/js/redundant.eeeeeeeeeeee.js", "redundant", mine);
        emulator.backdate("static/js/", OLD);

        given().queryParam("keepUnhashed", false).delete("/static-resources/redundant").then().statusCode(200)
                .body("deleted", equalTo(List.of("static/js/redundant.eeeeeeeeeeee.js")))
                .body("keptForOtherOwners", equalTo(1))
                .body("notOwned", equalTo(5))
                .body("guardTripped", equalTo(null));

        Set<String> left = MediaAccount.tagged(cloudinary, CloudinaryResourceType.RAW, "static");
        assertTrue(left.containsAll(List.of("static/js/previous.aaaaaaaaaaaa.js", "static/js/shared.bbbbbbbbbbbb.js",
                "static/js/staging.cccccccccccc.js", "static/js/legacy.dddddddddddd.js", records + "previous.txt",
                records + "staging-0.txt", records + "staging-2.txt")), left.toString());
        assertFalse(left.contains("static/js/redundant.eeeeeeeeeeee.js"));
    }

    private void seedStatic(String publicId, String content, Map<String, String> context) {
        operations.upload("seed of " + publicId, (uploader, options) -> {
            options.put("resource_type", "raw");
            options.put("public_id", publicId);
            options.put("overwrite", true);
            options.put("tags", List.of("static"));
            if (!context.isEmpty()) {
                options.put("context", new HashMap<>(context));
            }
            return uploader.upload(content.getBytes(StandardCharsets.UTF_8), options);
        });
    }
}
