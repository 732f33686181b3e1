package io.quarkiverse.cloudinary.storage.test.devui;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkus.test.QuarkusDevModeTest;

/**
 * The Orphans page's actions on the emulator Dev Service: "Find orphans" deletes nothing and lists the unreferenced
 * file with a thumbnail; "Delete orphans" deletes it and keeps the referenced one and the excluded one; a run that
 * would delete most of the application's files is stopped by the guard until the exact number is confirmed.
 */
class OrphansJsonRpcTest extends CloudinaryJsonRpcTest {

    @RegisterExtension
    static final QuarkusDevModeTest devMode = new QuarkusDevModeTest()
            .withApplicationRoot(root -> root.addClasses(Poster.class, PosterResource.class)
                    .addAsResource(applicationProperties("""
                            quarkus.datasource.db-kind=h2
                            quarkus.datasource.jdbc.url=jdbc:h2:mem:devui-orphans;DB_CLOSE_DELAY=-1
                            quarkus.hibernate-orm.schema-management.strategy=drop-and-create
                            quarkus.cloudinary.orphans.grace-period=0s
                            quarkus.cloudinary.orphans.exclude-paths=posters/keep/
                            # with no grace period, an hourly tick would delete the orphans the tests look for
                            quarkus.cloudinary.orphans.cleanup.cron=off
                            quarkus.cloudinary.orphans.candidates.every=off
                            quarkus.cloudinary.orphans.candidates.grace-period=0s
                            """), "application.properties"));

    EmulatorControlClient emulator;

    @BeforeEach
    void freshAccountAndRows() throws Exception {
        emulator = emulator();
        emulator.reset();
        given().port(PORT).delete("/posters").then().statusCode(200);
    }

    @Test
    void showsTheSettingsThatProtectFiles() throws Exception {
        JsonNode settings = executeJsonRPCMethod("getOrphanSettings");

        assertEquals("0s", settings.get("gracePeriod").asText());
        assertEquals("posters/keep/", settings.get("excludePaths").get(0).asText());
        assertEquals("media", settings.get("mediaTag").asText());
        assertEquals("off", settings.get("cron").asText());
        assertEquals(1000, settings.get("maxDeletes").asLong());
        assertEquals(0.5, settings.get("maxDeleteRatio").asDouble());
        assertFalse(settings.get("running").asBoolean());
        assertFalse(executeJsonRPCMethod("getOverview").get("realAccount").asBoolean(), "the Dev Service is an emulator");
    }

    @Test
    void findsThenDeletesOnlyTheOrphan() throws Exception {
        store("posters/kept.png", true);
        store("posters/lost.png", false);
        store("posters/keep/excluded.png", false);

        JsonNode dryRun = executeJsonRPCMethod("findOrphans");
        assertTrue(dryRun.get("dryRun").asBoolean());
        assertEquals(3, dryRun.get("scanned").asLong());
        assertEquals(1, dryRun.get("referenced").asLong());
        assertEquals(1, dryRun.get("excluded").asLong());
        assertEquals(1, dryRun.get("deleted").asLong());
        assertTrue(absent(dryRun, "guardTripped"), dryRun.toString());
        JsonNode orphan = dryRun.get("orphans").get(0);
        assertEquals("posters/lost", orphan.get("publicId").asText());
        assertEquals("image", orphan.get("resourceType").asText());
        assertTrue(orphan.get("thumbnailUrl").asText().contains("c_fill,h_96,w_96"), orphan.toString());
        given().get(orphan.get("thumbnailUrl").asText()).then().statusCode(200);
        assertTrue(exists("posters/lost.png"), "a dry run deletes nothing");

        // the emulator is no real account: no cloud name to type, and no confirmation below the guard's limits
        JsonNode run = result("deleteOrphans", params("cloudName", null, "confirmedDeletes", null));
        assertFalse(run.get("dryRun").asBoolean());
        assertEquals(1, run.get("deleted").asLong());
        assertEquals(0, run.get("failed").asLong());
        assertTrue(run.get("complete").asBoolean());

        assertFalse(exists("posters/lost.png"));
        assertTrue(exists("posters/kept.png"));
        assertTrue(exists("posters/keep/excluded.png"));
        assertEquals(0, executeJsonRPCMethod("getOrphanSettings").get("lastReport").get("failed").asLong());

        // the run went through the whole (small) pass: the Reconciliation section says so, and when the next is due
        JsonNode progress = executeJsonRPCMethod("getReconciliationProgress");
        assertEquals(3, progress.get("files").asLong(), progress.toString());
        assertEquals(1, progress.get("deleted").asLong());
        assertTrue(progress.get("waiting").asBoolean(), progress.toString());
        assertTrue(progress.get("durable").asBoolean(), "kept in the application's H2 database");
        assertEquals(100, progress.get("maxCallsPerRun").asInt());
        assertEquals("168h", progress.get("interval").asText());
        assertEquals(java.time.Instant.parse(progress.get("passStartedAt").asText()).plus(java.time.Duration.ofDays(7)),
                java.time.Instant.parse(progress.get("nextPassDue").asText()));
        assertTrue(run.get("pass").asText().contains("to the end of the pass"), run.toString());
    }

    @Test
    void theGuardStopsARunUntilThePersonConfirmsTheNumberOfFiles() throws Exception {
        store("posters/kept.png", true);
        for (String name : List.of("posters/a.png", "posters/b.png", "posters/c.png")) {
            store(name, false);
        }

        // three of the four files the application owns: more than half, as after a restart on an empty database
        JsonNode dryRun = executeJsonRPCMethod("findOrphans");
        assertEquals(3, dryRun.get("deleted").asLong(), "what a real run past the guard would delete");
        assertTrue(dryRun.get("guardTripped").asText().contains("max-delete-ratio"), dryRun.toString());

        JsonNode refused = result("deleteOrphans", params("cloudName", null));
        assertEquals(0, refused.get("deleted").asLong());
        assertEquals(3, refused.get("orphansFound").asLong());
        String reason = refused.get("guardTripped").asText();
        assertTrue(reason.contains("would delete 3 of the 4 files") && reason.contains("confirm the exact number (3)"),
                reason);
        assertEquals(Set.of("posters/a", "posters/b", "posters/c"), publicIds(refused.get("orphans")),
                "the report lists what would have gone");
        assertEquals(0, emulator.requestCount("admin:resources:delete"));

        JsonNode wrongNumber = result("deleteOrphans", params("cloudName", null, "confirmedDeletes", 2));
        assertEquals(0, wrongNumber.get("deleted").asLong());
        assertTrue(wrongNumber.get("guardTripped").asText().contains("not the 2 that were confirmed"),
                wrongNumber.toString());
        assertEquals(0, emulator.requestCount("admin:resources:delete"));
        assertTrue(exists("posters/a.png") && exists("posters/b.png") && exists("posters/c.png"));

        JsonNode confirmed = result("deleteOrphans", params("cloudName", null, "confirmedDeletes", 3));
        assertEquals(3, confirmed.get("deleted").asLong(), confirmed.toString());
        assertTrue(absent(confirmed, "guardTripped"), confirmed.toString());
        assertFalse(exists("posters/a.png") || exists("posters/b.png") || exists("posters/c.png"));
        assertTrue(exists("posters/kept.png"));

        assertTrue(refusal("deleteOrphans", params("cloudName", null, "confirmedDeletes", -1))
                .contains("must not be negative"));
    }

    @Test
    void showsTheCandidateQueueAndDeletesTheDueCandidatesOnRequest() throws Exception {
        String stored = given().port(PORT).queryParam("name", "posters/replaced.png").queryParam("referenced", true)
                .post("/posters").then().statusCode(200).extract().asString();
        given().port(PORT).queryParam("name", stored).put("/posters").then().statusCode(200);

        JsonNode queue = executeJsonRPCMethod("getCandidates");
        assertTrue(queue.get("recording").asBoolean(), queue.toString());
        assertEquals(1, queue.get("waiting").asLong(), queue.toString());
        assertEquals(1, queue.get("due").asLong(), "no grace period here");
        assertEquals("auto", queue.get("deleteWith").asText());
        assertEquals("0s", queue.get("gracePeriod").asText());
        assertTrue(exists("posters/replaced.png"), "nothing goes before a run");

        JsonNode run = result("cleanCandidates", params("cloudName", null));
        assertEquals(1, run.get("deleted").asLong(), run.toString());
        assertEquals("destroy", run.get("deleteMethod").asText());
        assertEquals(1, run.get("uploadApiCalls").asLong());
        // saved with the storage, not stored into the field through CloudinaryFiles: the journal has no upload of it,
        // so the run asked Cloudinary once whose file it is
        assertEquals(1, run.get("adminApiCalls").asLong());
        assertFalse(exists("posters/replaced.png"));

        JsonNode after = executeJsonRPCMethod("getCandidates");
        assertEquals(0, after.get("waiting").asLong());
        assertEquals(run.get("summary").asText(), after.get("lastRun").get("summary").asText());
    }

    static void store(String name, boolean referenced) {
        given().port(PORT).queryParam("name", name).queryParam("referenced", referenced).post("/posters").then()
                .statusCode(200);
    }

    static boolean exists(String name) {
        return Boolean.parseBoolean(given().port(PORT).queryParam("name", name).get("/posters").then().statusCode(200)
                .extract().asString());
    }

    static Set<String> publicIds(JsonNode orphans) {
        Set<String> ids = new TreeSet<>();
        orphans.forEach(orphan -> ids.add(orphan.get("publicId").asText()));
        return ids;
    }
}
