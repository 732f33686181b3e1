package io.quarkiverse.cloudinary.storage.test.devui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;
import io.quarkus.test.QuarkusDevModeTest;

/**
 * The Static page's actions on the emulator Dev Service: the manifest's size, an upload with its progress and report,
 * the redundant dry run, and a cleanup the guard stops until the exact number is confirmed.
 */
class StaticJsonRpcTest extends CloudinaryJsonRpcTest {

    @RegisterExtension
    static final QuarkusDevModeTest devMode = new QuarkusDevModeTest()
            .withApplicationRoot(root -> root
                    .addAsResource(new StringAsset("body { color: #333; }\n"), "META-INF/resources/css/site.css")
                    .addAsResource(new StringAsset("console.log('demo');\n"), "META-INF/resources/js/app.js")
                    .addAsResource(applicationProperties("""
                            quarkus.cloudinary.static.upload=manual
                            """), "application.properties"));

    EmulatorControlClient emulator;

    @BeforeEach
    void freshAccount() throws Exception {
        emulator = emulator();
        emulator.reset();
    }

    @Test
    void uploadsOnDemandAndReports() throws Exception {
        JsonNode before = executeJsonRPCMethod("getStaticStatus");
        int files = before.get("manifestSize").asInt();
        assertTrue(files >= 2, "the two files and what the build adds to them: " + before);
        assertEquals("manual", before.get("uploadMode").asText());
        assertEquals(1000, before.get("maxDeletes").asLong());
        assertEquals(0.5, before.get("maxDeleteRatio").asDouble());

        JsonNode upload = executeJsonRPCMethod("uploadStaticResources");
        int sent = upload.get("uploaded").asInt();
        assertTrue(sent >= files, upload.toString());
        assertEquals(0, upload.get("failed").asInt());

        JsonNode progress = executeJsonRPCMethod("getStaticUploadProgress");
        assertFalse(progress.get("running").asBoolean());
        assertEquals(sent, progress.get("done").asInt());
        assertEquals(sent, progress.get("total").asInt());

        JsonNode again = executeJsonRPCMethod("uploadStaticResources");
        assertEquals(0, again.get("uploaded").asInt());
        assertEquals(sent, again.get("skipped").asInt());
        assertEquals(sent, executeJsonRPCMethod("getStaticStatus").get("lastUpload").get("skipped").asInt());
    }

    @Test
    void redundantCleanupDryRunDeletesNothing() throws Exception {
        executeJsonRPCMethod("uploadStaticResources");

        JsonNode dryRun = executeJsonRPCMethod("findRedundantStaticResources");
        assertTrue(dryRun.get("dryRun").asBoolean());
        assertEquals(0, dryRun.get("deleted").size(), "the current deployment's files are never redundant");
        int files = executeJsonRPCMethod("getStaticStatus").get("manifestSize").asInt();
        assertTrue(dryRun.get("kept").asInt() >= files, dryRun.toString());

        JsonNode run = result("deleteRedundantStaticResources", params("cloudName", null, "confirmedDeletes", null));
        assertFalse(run.get("dryRun").asBoolean());
        assertEquals(0, run.get("deleted").size());
        assertTrue(absent(run, "guardTripped"), run.toString());
    }

    @Test
    void theGuardStopsACleanupUntilThePersonConfirmsTheNumberOfFiles() throws Exception {
        executeJsonRPCMethod("uploadStaticResources");
        String owner = executeJsonRPCMethod("getOverview").get("owner").asText();
        // old static files of this owner that the current manifest does not list: far more than the files it does
        emulator.seed("raw", "static/js/old-", ".js", 10, 16, "static", Duration.ofDays(30),
                Map.of(StorageOwner.OWNER_KEY, owner));
        List<String> old = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            old.add("static/js/old-" + i + ".js");
        }

        JsonNode dryRun = executeJsonRPCMethod("findRedundantStaticResources");
        assertEquals(old, texts(dryRun.get("deleted")), dryRun.toString());
        assertTrue(dryRun.get("guardTripped").asText().contains("max-delete-ratio"), dryRun.toString());

        JsonNode refused = result("deleteRedundantStaticResources", params("cloudName", null));
        assertEquals(0, refused.get("deleted").size());
        assertEquals(old, texts(refused.get("held")), "the report lists what would have gone");
        assertTrue(refused.get("guardTripped").asText().contains("confirm the exact number (10)"), refused.toString());
        assertEquals(0, emulator.requestCount("admin:resources:delete"));

        JsonNode wrongNumber = result("deleteRedundantStaticResources", params("confirmedDeletes", 9));
        assertEquals(0, wrongNumber.get("deleted").size());
        assertTrue(wrongNumber.get("guardTripped").asText().contains("not the 9 that were confirmed"),
                wrongNumber.toString());
        assertEquals(0, emulator.requestCount("admin:resources:delete"));

        JsonNode confirmed = result("deleteRedundantStaticResources", params("confirmedDeletes", 10));
        assertEquals(old, texts(confirmed.get("deleted")), confirmed.toString());
        assertTrue(absent(confirmed, "guardTripped"), confirmed.toString());
        JsonNode after = executeJsonRPCMethod("findRedundantStaticResources");
        assertEquals(0, after.get("deleted").size(), "nothing redundant is left: " + after);
        assertTrue(after.get("kept").asInt() >= executeJsonRPCMethod("getStaticStatus").get("manifestSize").asInt(),
                "the current deployment's files are all still there: " + after);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
