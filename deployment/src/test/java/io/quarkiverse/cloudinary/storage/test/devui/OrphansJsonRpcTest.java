package io.quarkiverse.cloudinary.storage.test.devui;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.QuarkusDevModeTest;

/**
 * The Orphans page's actions: "Find orphans" deletes nothing and lists the unreferenced file with a thumbnail;
 * "Delete orphans" deletes it and keeps the referenced one and the excluded one.
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
                            """), "application.properties"));

    @Test
    void showsTheSettingsThatProtectFiles() throws Exception {
        JsonNode settings = executeJsonRPCMethod("getOrphanSettings");

        assertEquals("0s", settings.get("gracePeriod").asText());
        assertEquals("posters/keep/", settings.get("excludePaths").get(0).asText());
        assertEquals("media", settings.get("mediaTag").asText());
        assertEquals("off", settings.get("cron").asText());
        assertFalse(settings.get("running").asBoolean());
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
        JsonNode orphan = dryRun.get("orphans").get(0);
        assertEquals("posters/lost", orphan.get("publicId").asText());
        assertEquals("image", orphan.get("resourceType").asText());
        assertTrue(orphan.get("thumbnailUrl").asText().contains("c_fill,h_96,w_96"), orphan.toString());
        given().get(orphan.get("thumbnailUrl").asText()).then().statusCode(200);
        assertTrue(exists("posters/lost.png"), "a dry run deletes nothing");

        JsonNode run = executeJsonRPCMethod("deleteOrphans");
        assertFalse(run.get("dryRun").asBoolean());
        assertEquals(1, run.get("deleted").asLong());
        assertEquals(0, run.get("failed").asLong());
        assertTrue(run.get("complete").asBoolean());

        assertFalse(exists("posters/lost.png"));
        assertTrue(exists("posters/kept.png"));
        assertTrue(exists("posters/keep/excluded.png"));
        assertEquals(0, executeJsonRPCMethod("getOrphanSettings").get("lastReport").get("failed").asLong());
    }

    private static void store(String name, boolean referenced) {
        given().port(PORT).queryParam("name", name).queryParam("referenced", referenced).post("/posters").then()
                .statusCode(200);
    }

    private static boolean exists(String name) {
        return Boolean.parseBoolean(given().port(PORT).queryParam("name", name).get("/posters").then().statusCode(200)
                .extract().asString());
    }
}
