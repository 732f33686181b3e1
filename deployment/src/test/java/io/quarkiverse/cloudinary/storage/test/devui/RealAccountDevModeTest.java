package io.quarkiverse.cloudinary.storage.test.devui;

import static io.quarkiverse.cloudinary.storage.test.devui.OrphansJsonRpcTest.exists;
import static io.quarkiverse.cloudinary.storage.test.devui.OrphansJsonRpcTest.store;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.cloudinary.Cloudinary;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.cloudinary.storage.emulator.CloudinaryEmulator;
import io.quarkiverse.cloudinary.storage.emulator.EmulatorAccount;
import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;
import io.quarkiverse.cloudinary.storage.test.LogMessages;
import io.quarkus.test.QuarkusDevModeTest;

/**
 * Dev mode on a developer's machine whose credentials name a real Cloudinary account (declared with
 * {@code quarkus.cloudinary.emulator=false}; the account is an emulator this test starts, reached over HTTP exactly as
 * Cloudinary would be). The application warns at start naming the cloud, runs no static upload on start, says "real
 * account" to the Dev UI, refuses every delete whose cloud name was not typed (and then calls nothing), and a static
 * upload from dev mode records no deployment.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealAccountDevModeTest extends CloudinaryJsonRpcTest {

    private static final EmulatorAccount PRODUCTION = new EmulatorAccount("acme-prod", "246813579024681",
            "prod-secret-value");

    // started before the application, which the next field builds: static fields are initialised in order
    static final CloudinaryEmulator ACCOUNT = CloudinaryEmulator.builder().account(PRODUCTION).build().start();

    @RegisterExtension
    static final QuarkusDevModeTest devMode = new QuarkusDevModeTest()
            .setLogRecordPredicate(record -> record.getLevel().intValue() >= Level.WARNING.intValue())
            .withApplicationRoot(root -> root.addClasses(Poster.class, PosterResource.class)
                    .addAsResource(new StringAsset("body { color: #333; }\n"), "META-INF/resources/css/site.css")
                    .addAsResource(new StringAsset("console.log('demo');\n"), "META-INF/resources/js/app.js")
                    .addAsResource(applicationProperties("""
                            quarkus.cloudinary.url=%s
                            quarkus.cloudinary.api-base-url=%s
                            quarkus.cloudinary.delivery-base-url=%s
                            quarkus.cloudinary.emulator=false
                            quarkus.datasource.db-kind=h2
                            quarkus.datasource.jdbc.url=jdbc:h2:mem:devui-real-account;DB_CLOSE_DELAY=-1
                            quarkus.hibernate-orm.schema-management.strategy=drop-and-create
                            quarkus.cloudinary.orphans.grace-period=0s
                            quarkus.cloudinary.orphans.candidates.every=1s
                            quarkus.cloudinary.orphans.candidates.grace-period=0s
                            """.formatted(PRODUCTION.cloudinaryUrl(), ACCOUNT.baseUrl(), ACCOUNT.baseUrl())),
                            "application.properties"));

    @AfterAll
    static void stopAccount() {
        ACCOUNT.stop();
    }

    /** After each test, not before: the first one looks at what the start alone did to the account. */
    @AfterEach
    void freshAccountAndRows() {
        new EmulatorControlClient(ACCOUNT.baseUrl()).reset();
        given().port(PORT).delete("/posters").then().statusCode(200);
    }

    @Test
    @Order(1)
    void theStartWarnsNamingTheCloudAndUploadsNothing() throws Exception {
        JsonNode statics = executeJsonRPCMethod("getStaticStatus");
        assertTrue(statics.get("manifestSize").asInt() >= 2, statics.toString());
        assertEquals("manual", statics.get("uploadMode").asText(), "no static upload on start against a real account");
        assertFalse(statics.get("progress").get("running").asBoolean(), statics.toString());
        assertTrue(absent(statics, "lastUpload"), "no upload ran: " + statics);
        assertEquals(0, ACCOUNT.controls().total(), "nothing talked to the account: " + ACCOUNT.controls().counts());

        List<String> warnings = devMode.getLogRecords().stream().map(LogRecord::getMessage)
                .filter(message -> message != null && message.contains("real Cloudinary account")).toList();
        assertEquals(1, warnings.size(), devMode.getLogRecords().stream().map(LogRecord::getMessage).toList().toString());
        String warning = LogMessages.formatted(devMode.getLogRecords().stream()
                .filter(record -> record.getMessage().contains("real Cloudinary account")).findFirst().orElseThrow());
        assertTrue(warning.contains("'acme-prod'"), warning);
        assertFalse(warning.contains(PRODUCTION.apiSecret()) || warning.contains(PRODUCTION.apiKey()), warning);
    }

    @Test
    @Order(2)
    void theOverviewSaysRealAccountAndTheCloud() throws Exception {
        JsonNode overview = executeJsonRPCMethod("getOverview");

        assertTrue(overview.get("realAccount").asBoolean());
        assertEquals("acme-prod", overview.get("cloudName").asText());
        assertTrue(overview.get("owner").asText().endsWith(":dev"), "dev mode's own owner: " + overview);
        assertEquals(ACCOUNT.baseUrl(), overview.get("apiBaseUrl").asText());
        assertFalse(executeJsonRPCMethod("isEmulatorDevService").asBoolean(), "credentials keep the Dev Service off");
        assertFalse(overview.toString().contains(PRODUCTION.apiSecret()), overview.toString());
    }

    @Test
    @Order(3)
    void anOrphanDeleteWithoutTheTypedCloudNameIsRefusedAndCallsNothing() throws Exception {
        for (String name : List.of("posters/one.png", "posters/two.png", "posters/three.png")) {
            store(name, true);
        }
        store("posters/lost.png", false);
        long before = ACCOUNT.controls().total();

        for (Map<String, Object> params : List.of(params("confirmedDeletes", null), params("cloudName", null),
                params("cloudName", "acme-staging"), params("cloudName", ""), params("cloudName", "ACME-PROD"),
                params("cloudName", "acme-stag", "confirmedDeletes", 1))) {
            String refusal = refusal("deleteOrphans", params);
            assertTrue(refusal.contains("real Cloudinary account 'acme-prod'") && refusal.contains("Nothing was deleted"),
                    params + ": " + refusal);
        }
        assertEquals(before, ACCOUNT.controls().total(), "a refused delete does not even list the account");
        assertTrue(exists("posters/lost.png"));

        JsonNode run = result("deleteOrphans", params("cloudName", "acme-prod"));
        assertEquals(1, run.get("deleted").asLong(), run.toString());
        assertFalse(exists("posters/lost.png"));
        assertTrue(exists("posters/one.png") && exists("posters/two.png") && exists("posters/three.png"));
    }

    @Test
    @Order(4)
    void theGuardOverrideNeedsTheTypedCloudNameToo() throws Exception {
        store("posters/kept.png", true);
        store("posters/a.png", false);
        store("posters/b.png", false);

        JsonNode stopped = result("deleteOrphans", params("cloudName", "acme-prod"));
        assertEquals(2, stopped.get("orphansFound").asLong(), stopped.toString());
        assertEquals(0, stopped.get("deleted").asLong(), stopped.toString());
        assertTrue(stopped.get("guardTripped").asText().contains("max-delete-ratio"), stopped.toString());

        String refusal = refusal("deleteOrphans", params("confirmedDeletes", 2));
        assertTrue(refusal.contains("type its cloud name"), refusal);
        assertEquals(0, ACCOUNT.controls().count("admin:resources:delete"));
        assertTrue(exists("posters/a.png") && exists("posters/b.png"));

        JsonNode confirmed = result("deleteOrphans", params("cloudName", "acme-prod", "confirmedDeletes", 2));
        assertEquals(2, confirmed.get("deleted").asLong(), confirmed.toString());
        assertFalse(exists("posters/a.png") || exists("posters/b.png"));
        assertTrue(exists("posters/kept.png"));
    }

    @Test
    @Order(5)
    void aDevModeStaticUploadRecordsNoDeploymentAndItsCleanupNeedsTheTypedCloudName() throws Exception {
        JsonNode upload = executeJsonRPCMethod("uploadStaticResources");
        int files = executeJsonRPCMethod("getStaticStatus").get("manifestSize").asInt();
        assertEquals(0, upload.get("failed").asInt(), upload.toString());
        assertEquals(files, upload.get("uploaded").asInt(), "the files, and no manifest record: " + upload);
        assertEquals(files, ACCOUNT.controls().count("upload:upload"));

        String owner = executeJsonRPCMethod("getOverview").get("owner").asText();
        Map<String, String> uploaded = staticFiles();
        assertEquals(files, uploaded.size(), uploaded.toString());
        uploaded.forEach((publicId, mark) -> {
            assertFalse(publicId.startsWith("static/cloudinary-manifests/"), "a deployment was recorded: " + publicId);
            assertEquals(owner, mark, publicId + " carries dev mode's owner mark");
        });

        for (Map<String, Object> params : List.of(params("cloudName", null), params("cloudName", "acme-staging"),
                params("confirmedDeletes", 0))) {
            String refusal = refusal("deleteRedundantStaticResources", params);
            assertTrue(refusal.contains("type its cloud name"), params + ": " + refusal);
        }
        JsonNode cleanup = result("deleteRedundantStaticResources", params("cloudName", "acme-prod"));
        assertEquals(0, cleanup.get("deleted").size(), "the current manifest's files stay: " + cleanup);
        assertEquals(uploaded, staticFiles());
    }

    /** The account's static files by public id, with the owner mark each carries. */
    private static Map<String, String> staticFiles() throws Exception {
        Cloudinary cloudinary = new Cloudinary(PRODUCTION.cloudinaryUrl());
        cloudinary.config.uploadPrefix = ACCOUNT.baseUrl();
        Map<String, Object> options = new HashMap<>();
        options.put("resource_type", "raw");
        options.put("context", true);
        options.put("max_results", 500);
        Map<String, String> files = new HashMap<>();
        for (Object resource : (List<?>) cloudinary.api().resourcesByTag("static", options).get("resources")) {
            Map<?, ?> described = (Map<?, ?>) resource;
            files.put(described.get("public_id").toString(),
                    StorageOwner.contextValue(described, StorageOwner.OWNER_KEY).orElse(null));
        }
        return files;
    }

    @Test
    @Order(20)
    void theCandidateJobDeletesNothingAndARunOnRequestNeedsTheTypedCloudName() throws Exception {
        String stored = given().port(PORT).queryParam("name", "posters/replaced.png").queryParam("referenced", true)
                .post("/posters").then().statusCode(200).extract().asString();
        given().port(PORT).queryParam("name", stored).put("/posters").then().statusCode(200);
        long before = ACCOUNT.controls().total();

        // the job ticks every second here: give it a few ticks
        Thread.sleep(3_000);
        assertTrue(exists("posters/replaced.png"), "the job deleted a due candidate on a real account in dev mode");
        assertTrue(devMode.getLogRecords().stream().map(LogRecord::getMessage).anyMatch(message -> message != null
                && message.contains("candidate cleanup job deletes nothing in dev mode")),
                devMode.getLogRecords().stream().map(LogRecord::getMessage).toList().toString());
        assertEquals(1, executeJsonRPCMethod("getCandidates").get("due").asLong());

        String refusal = refusal("cleanCandidates", params("cloudName", "acme-staging"));
        assertTrue(refusal.contains("real Cloudinary account 'acme-prod'") && refusal.contains("Nothing was deleted"),
                refusal);
        assertEquals(before + 1, ACCOUNT.controls().total(), "only the exists() check above: "
                + ACCOUNT.controls().counts());

        JsonNode run = result("cleanCandidates", params("cloudName", "acme-prod"));
        assertEquals(1, run.get("deleted").asLong(), run.toString());
        assertFalse(exists("posters/replaced.png"));
    }

}
