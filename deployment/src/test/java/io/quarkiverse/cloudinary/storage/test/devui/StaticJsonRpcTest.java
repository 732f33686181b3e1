package io.quarkiverse.cloudinary.storage.test.devui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.QuarkusDevModeTest;

/** The Static page's actions: the manifest's size, an upload with its progress and report, the redundant dry run. */
class StaticJsonRpcTest extends CloudinaryJsonRpcTest {

    @RegisterExtension
    static final QuarkusDevModeTest devMode = new QuarkusDevModeTest()
            .withApplicationRoot(root -> root
                    .addAsResource(new StringAsset("body { color: #333; }\n"), "META-INF/resources/css/site.css")
                    .addAsResource(new StringAsset("console.log('demo');\n"), "META-INF/resources/js/app.js")
                    .addAsResource(applicationProperties("""
                            quarkus.cloudinary.static.upload=manual
                            """), "application.properties"));

    @Test
    void uploadsOnDemandAndReports() throws Exception {
        JsonNode before = executeJsonRPCMethod("getStaticStatus");
        int files = before.get("manifestSize").asInt();
        assertTrue(files >= 2, "the two files and what the build adds to them: " + before);
        assertEquals("manual", before.get("uploadMode").asText());
        assertTrue(before.path("lastUpload").isMissingNode() || before.get("lastUpload").isNull(), before.toString());

        JsonNode upload = executeJsonRPCMethod("uploadStaticResources");
        // the manifest's files, and the record of the manifest itself that later cleanups read
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

        JsonNode run = executeJsonRPCMethod("deleteRedundantStaticResources");
        assertFalse(run.get("dryRun").asBoolean());
        assertEquals(0, run.get("deleted").size());
    }
}
