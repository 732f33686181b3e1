package io.quarkiverse.cloudinary.storage.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;
import io.quarkiverse.cloudinary.storage.statics.RedundantStaticOptions;
import io.quarkiverse.cloudinary.storage.statics.RedundantStaticReport;
import io.quarkiverse.cloudinary.storage.statics.StaticResources;
import io.quarkiverse.cloudinary.storage.statics.StaticUploadReport;
import io.quarkus.qute.Engine;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The demo's static resources (two style sheets, an image, an SVG, a script) against the emulator Dev Service. The
 * emulator's request counters tell what went over the wire. The demo's test profile sets the upload to manual, so
 * every test starts it itself.
 */
@QuarkusTest
@TestProfile(WithoutDeleteGuard.class)
class StaticResourcesTest {

    /** The image goes to the image listing, everything else, the manifest record included, to the raw one. */
    private static final int LISTINGS = 2;

    @Inject
    StaticResources statics;

    @Inject
    CloudinaryOperations operations;

    @Inject
    StorageOwner owner;

    @Inject
    Engine qute;

    EmulatorControlClient emulator;

    @BeforeEach
    void resetEmulator() {
        emulator = Emulator.control();
        emulator.reset();
    }

    @Test
    void firstUploadSendsEverythingSecondOnlyLists() {
        int files = statics.manifestSize();
        assertEquals(5, files, "site.css, fonts.css, logo.png, pattern.svg, app.js");

        StaticUploadReport first = statics.upload();
        assertEquals(files + 1, first.uploaded(), "every file and the manifest record");
        assertEquals(0, first.skipped());
        assertEquals(0, first.failed(), () -> String.join("\n", first.failures()));
        assertEquals(files + 1, emulator.requestCount("upload:upload"));
        assertEquals(LISTINGS, emulator.requestCount("admin:resources:by-tag"));
        assertEquals(files + 1 + LISTINGS, first.requests());
        assertTrue(first.bytes() > 0);
        assertEquals(first, statics.lastUpload().orElseThrow());

        emulator.resetRequestCounts();
        StaticUploadReport second = statics.upload();
        assertEquals(0, second.uploaded(), "nothing changed, nothing is sent again");
        assertEquals(files + 1, second.skipped());
        assertEquals(0, emulator.requestCount("upload:upload"));
        assertEquals(LISTINGS, emulator.requestCount("admin:resources:by-tag"), "only the listings");
        assertEquals(LISTINGS, emulator.totalRequests());
        assertEquals(LISTINGS, second.requests());
        assertFalse(statics.progress().running());
        assertEquals(files + 1, statics.progress().done());
    }

    @Test
    void aFileWhoseStoredContentDiffersIsSentAgain() {
        statics.upload();
        String publicId = statics.manifest().find("js/app.js").orElseThrow().publicId();
        seed("raw", publicId, "// not the build's content".getBytes(StandardCharsets.UTF_8));

        emulator.resetRequestCounts();
        StaticUploadReport report = statics.upload();
        assertEquals(1, report.uploaded(), "only the file that differs");
        assertEquals(1, emulator.requestCount("upload:upload"));
        given().get(statics.url("js/app.js")).then().statusCode(200).body(containsString("classList.add('js')"));
    }

    @Test
    void aFileRefusedByCloudinaryIsReportedAndTheOthersGoUp() throws Exception {
        statics.upload();
        for (String name : List.of("js/app.js", "css/site.css")) {
            String publicId = statics.manifest().find(name).orElseThrow().publicId();
            operations.cloudinary().uploader().destroy(publicId, Map.of("resource_type", "raw"));
        }
        emulator.fault("upload:upload", 400, 1);
        StaticUploadReport report = statics.upload();
        assertEquals(1, report.failed(), "a 400 is not retried");
        assertEquals(1, report.uploaded());
        assertEquals(1, report.failures().size());
        assertTrue(report.failures().get(0).contains("-> "), report.failures().get(0));

        emulator.resetRequestCounts();
        StaticUploadReport next = statics.upload();
        assertEquals(1, next.uploaded(), "the next run sends only what failed");
        assertEquals(0, next.failed());
    }

    @Test
    void aServerErrorIsRetried() {
        emulator.fault("upload:upload", 500, 1);
        StaticUploadReport report = statics.upload();
        assertEquals(0, report.failed(), () -> String.join("\n", report.failures()));
        assertEquals(statics.manifestSize() + 1, report.uploaded());
        assertEquals(statics.manifestSize() + 2, emulator.requestCount("upload:upload"), "one retry");
    }

    @Test
    void pageRendersStaticUrlsThatResolveOnTheEmulator() {
        statics.upload();
        String page = given().get("/").then().statusCode(200).extract().asString();
        String css = statics.url("css/site.css");
        assertTrue(css.matches(".*/raw/upload/v1/static/css/site\\.[0-9a-f]{12}\\.css"), css);
        assertTrue(page.contains("href=\"" + css + "\""), page);
        assertTrue(page.contains(statics.url("img/logo.png", "c_scale,w_32")), page);
        assertTrue(statics.url("img/logo.png", "c_scale,w_32").contains("/image/upload/c_scale,w_32/v1/static/img/logo."));

        String styles = given().get(css).then().statusCode(200).extract().asString();
        Matcher logo = Pattern.compile("url\\(([^)]*logo[^)]*)\\)").matcher(styles);
        assertTrue(logo.find(), styles);
        // the raw style sheet reaches the image resource through its relative reference
        String logoUrl = URI.create(css).resolve(logo.group(1)).toString();
        assertEquals(statics.url("img/logo.png"), logoUrl);
        given().get(logoUrl).then().statusCode(200).contentType("image/png");

        Matcher imported = Pattern.compile("@import \"([^\"]+)\"").matcher(styles);
        assertTrue(imported.find(), styles);
        given().get(URI.create(css).resolve(imported.group(1)).toString()).then().statusCode(200)
                .body(containsString("letter-spacing"));
        Matcher pattern = Pattern.compile("url\\(\"([^\"]*pattern[^\"]*)\"\\)").matcher(styles);
        assertTrue(pattern.find(), styles);
        assertTrue(pattern.group(1).endsWith("?v=2#dots"), "query and fragment stay: " + pattern.group(1));
        given().get(URI.create(css).resolve(pattern.group(1)).toString()).then().statusCode(200);
    }

    @Test
    void operatorEndpointsOfTheDemo() {
        given().post("/static-resources/upload").then().statusCode(200)
                .body("uploaded", org.hamcrest.Matchers.equalTo(statics.manifestSize() + 1))
                .body("failed", org.hamcrest.Matchers.equalTo(0));
        given().get("/static-resources/upload").then().statusCode(200)
                .body("running", org.hamcrest.Matchers.equalTo(false));
        given().queryParam("name", "img/logo.png").queryParam("transformation", "c_fill,w_64,h_64")
                .get("/static-resources/url").then().statusCode(200)
                .body(org.hamcrest.Matchers.equalTo(statics.url("img/logo.png", "c_fill,w_64,h_64")));
        given().get("/static-resources/redundant").then().statusCode(200)
                .body("dryRun", org.hamcrest.Matchers.equalTo(true))
                .body("deleted.size()", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void unknownNameFailsWithItsName() {
        IllegalArgumentException direct = assertThrows(IllegalArgumentException.class, () -> statics.url("css/nope.css"));
        assertTrue(direct.getMessage().contains("css/nope.css"), direct.getMessage());
        RuntimeException rendering = assertThrows(RuntimeException.class,
                () -> qute.parse("<link href=\"{cloudinary:static('css/nope.css')}\">").render());
        assertTrue(causes(rendering).contains("Unknown static resource 'css/nope.css'"), causes(rendering));
    }

    @Test
    void redundantCleanupKeepsWhatManifestsNeed() {
        statics.upload();
        String folder = statics.manifest().recordsFolder();
        seed("raw", "static/css/old.111111111111.css", "old".getBytes(StandardCharsets.UTF_8));
        seed("raw", "static/js/app.js", "unhashed copy".getBytes(StandardCharsets.UTF_8));
        seed("raw", "static/js/previous.222222222222.js", "previous".getBytes(StandardCharsets.UTF_8));
        seed("raw", folder + "previous.txt", ("raw\tstatic/js/previous.222222222222.js\tstatic/js/previous.js\n")
                .getBytes(StandardCharsets.UTF_8));
        RedundantStaticOptions strict = new RedundantStaticOptions(true, false, 0, Duration.ZERO);

        RedundantStaticReport everything = statics.deleteRedundant(strict);
        assertTrue(everything.dryRun());
        assertEquals(List.of(folder + "previous.txt", "static/css/old.111111111111.css", "static/js/app.js",
                "static/js/previous.222222222222.js"), everything.deleted());
        assertEquals(statics.manifestSize() + 1, everything.kept());

        RedundantStaticReport keepingPrevious = statics.deleteRedundant(
                new RedundantStaticOptions(true, false, 1, Duration.ZERO));
        assertEquals(List.of("static/css/old.111111111111.css", "static/js/app.js"), keepingPrevious.deleted());
        assertEquals(2, keepingPrevious.keptForPreviousDeployments());

        RedundantStaticReport keepingUnhashed = statics.deleteRedundant(
                new RedundantStaticOptions(true, true, 0, Duration.ZERO));
        assertEquals(List.of(folder + "previous.txt", "static/css/old.111111111111.css",
                "static/js/previous.222222222222.js"), keepingUnhashed.deleted());

        RedundantStaticReport configured = statics.deleteRedundant(true);
        assertEquals(List.of(), configured.deleted(), "by default, files younger than a day stay");
        assertEquals(2, configured.keptAsRecent());
        assertEquals(0, emulator.requestCount("admin:resources:delete"), "dry runs delete nothing");

        RedundantStaticReport real = statics.deleteRedundant(new RedundantStaticOptions(false, true, 0, Duration.ZERO));
        assertFalse(real.dryRun());
        assertEquals(keepingUnhashed.deleted(), real.deleted());
        assertEquals(1, emulator.requestCount("admin:resources:delete"), "one batch");
        assertEquals(List.of(), statics.deleteRedundant(new RedundantStaticOptions(true, true, 0, Duration.ZERO))
                .deleted(), "nothing redundant is left");

        emulator.resetRequestCounts();
        assertEquals(0, statics.upload().uploaded(), "the cleanup kept every file of the current manifest");
    }

    @Test
    void redundantCleanupDeletesInBatchesOfAHundred() throws Exception {
        statics.upload();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> seeded = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            String publicId = String.format("static/old/file-%03d.aaaaaaaaaaaa.txt", i);
            seeded.add(pool.submit(() -> seed("raw", publicId, publicId.getBytes(StandardCharsets.UTF_8))));
        }
        for (Future<?> future : seeded) {
            future.get();
        }
        pool.shutdown();
        emulator.resetRequestCounts();

        RedundantStaticReport report = statics.deleteRedundant(new RedundantStaticOptions(false, false, 0, Duration.ZERO));
        assertEquals(150, report.deleted().size());
        assertEquals(2, emulator.requestCount("admin:resources:delete"), "150 deletes in batches of 100");
        assertEquals(statics.manifestSize() + 1, report.kept());
    }

    private void seed(String resourceType, String publicId, byte[] content) {
        Map<?, ?> result = operations.upload("seed of " + publicId, (uploader, options) -> {
            options.put("resource_type", resourceType);
            options.put("public_id", publicId);
            options.put("overwrite", true);
            options.put("tags", List.of("static"));
            options.put("context", owner.context());
            return uploader.upload(content, options);
        });
        assertEquals(publicId, result.get("public_id"));
    }

    private static String causes(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
