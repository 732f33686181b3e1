package io.quarkiverse.cloudinary.storage.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.cloudinary.Cloudinary;

import io.quarkiverse.cloudinary.storage.CloudinaryException;
import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFileField;
import io.quarkiverse.cloudinary.storage.media.MediaName;
import io.quarkiverse.cloudinary.storage.orphans.OrphanReport;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;
import io.quarkiverse.cloudinary.storage.statics.RedundantStaticOptions;
import io.quarkiverse.cloudinary.storage.statics.RedundantStaticReport;
import io.quarkiverse.cloudinary.storage.statics.StaticAsset;
import io.quarkiverse.cloudinary.storage.statics.StaticUploadReport;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A rolling deployment over three builds and a rollback, played in one JVM: each build is the runtime's static upload,
 * cleanups and lease over its own recorded manifest and {@code @CloudinaryFile} attributes ({@link PlayedBuild}); an
 * instance runs while it refreshes its build's lease. Build 2 adds {@code MediaItem.image} and changes a style sheet,
 * build 3 adds {@code MediaItem.video} and changes it again. Between the steps, an instance of each running build runs
 * both cleanups with nothing kept but the current build and the running ones (no previous deployment, no age), while
 * the emulator fails some uploads, drops a listing and delays nothing else. After every step each running build's
 * static URLs must answer, and every file a row references must exist. After the rollback, build 2's orphan runs keep
 * deferring once build 3 has stopped: build 3 is still one of the previous deployments, and its attribute is unknown
 * to build 2.
 */
@QuarkusTest
@TestProfile(WithoutDeleteGuard.class)
class RollingDeploymentTest {

    private static final Duration REFRESH = Duration.ofSeconds(1);
    private static final Duration TTL = Duration.ofSeconds(3);
    private static final Duration OLD = Duration.ofHours(2);
    /** Only the current build and the running ones keep their files: the lease rule alone protects them. */
    private static final RedundantStaticOptions ONLY_LIVE = new RedundantStaticOptions(false, false, 0, Duration.ZERO);
    /** The default window of previous deployments, nothing kept for its age. */
    private static final RedundantStaticOptions KEEP_PREVIOUS = new RedundantStaticOptions(false, false, 2,
            Duration.ZERO);

    @Inject
    CloudinaryOperations operations;

    @Inject
    Cloudinary cloudinary;

    @Inject
    StorageOwner owner;

    private EmulatorControlClient emulator;
    private final Map<PlayedBuild, Integer> instances = new ConcurrentHashMap<>();
    private int staticChecked;
    private int notFound;
    private int referencesChecked;
    private int referencedDeleted;
    private int deferred;
    private int faulted;
    private int staticDeleted;
    private long orphansDeleted;

    @Test
    void rollingDeploymentAndRollbackLoseNothing() throws Exception {
        emulator = Emulator.reset(operations);
        MediaAccount.clearRows();
        Path root = Files.createTempDirectory(Path.of("target"), "rolling-");
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor();
        // what the background refresher of every running instance does
        refresher.scheduleWithFixedDelay(() -> instances.keySet().forEach(build -> {
            try {
                build.lease.refresh();
            } catch (CloudinaryException e) {
                // an injected fault: the next refresh comes within a second, long before the lease expires
            }
        }), 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
        try (PlayedBuild b1 = PlayedBuild.of("b1", root, Map.of("css/site.css", "body { color: red }",
                "js/app.js", "let version = 1;", "img/logo.txt", "logo"),
                field -> !isImage(field) && !isVideo(field), REFRESH, TTL);
                PlayedBuild b2 = PlayedBuild.of("b2", root, Map.of("css/site.css", "body { color: blue }",
                        "js/app.js", "let version = 1;", "img/logo.txt", "logo"), field -> !isVideo(field),
                        REFRESH, TTL);
                PlayedBuild b3 = PlayedBuild.of("b3", root, Map.of("css/site.css", "body { color: green }",
                        "js/app.js", "let version = 3;", "img/logo.txt", "logo"), field -> true, REFRESH, TTL)) {

            start(b1);
            start(b1);
            emulator.seed("image", "media/stray/a", ".png", 4, 100, "media", OLD, owner.context());
            emulator.seed("raw", "media/stray/b", ".txt", 3, 100, "media", OLD, owner.context());
            cleanupBy(b1, false);
            check("build 1 on two instances", b1);

            // rolling to build 2: one new instance, which writes rows through the attribute build 1 lacks
            emulator.fault("upload:upload", 500, 2);
            start(b2);
            emulator.seed("image", "media/items/images/ref", ".png", 2, 100, "media", OLD, owner.context());
            reference("image", "media/items/images/ref", 2, ".png");
            cleanupBy(b1, true);
            cleanupBy(b2, false);
            check("build 2 joins", b1, b2);

            stop(b1);
            start(b2);
            cleanupBy(b1, true);
            check("one build 1 instance replaced", b1, b2);

            stop(b1);
            waitUntilStale(b1);
            RedundantStaticReport afterB1 = cleanupBy(b2, false);
            assertTrue(afterB1.deleted().contains(b1.assets.stream().filter(a -> a.originalName().equals("css/site.css"))
                    .findFirst().orElseThrow().publicId()), "build 1's own style sheet goes once it stopped: "
                            + afterB1.deleted());
            check("build 1 gone", b2);

            // rolling to build 3, which adds MediaItem.video; a listing of build 2's cleanup is dropped
            emulator.fault("upload:upload", 503, 1);
            start(b3);
            emulator.seed("video", "media/items/videos/ref", ".mp4", 2, 100, "media", OLD, owner.context());
            reference("video", "media/items/videos/ref", 2, ".mp4");
            emulator.seed("image", "media/stray/c", ".png", 2, 100, "media", OLD, owner.context());
            emulator.disconnect("admin:resources:by-tag", 4);
            cleanupBy(b2, true);
            emulator.clearFaults();
            cleanupBy(b2, true);
            cleanupBy(b3, false);
            check("build 3 joins", b2, b3);

            stop(b2);
            stop(b2);
            waitUntilStale(b2);
            cleanupBy(b3, false);
            check("build 2 gone", b3);

            // rollback to build 2 while build 3 still serves
            start(b2);
            cleanupBy(b3, false);
            cleanupBy(b2, true);
            check("rollback: build 2 back", b2, b3);

            // build 3 is gone, but it is still one of the previous deployments (the static cleanup now keeps the
            // default two, and with them their leases), and only it knows MediaItem.video: build 2 keeps deferring
            // rather than judge the files of rows build 3 wrote
            stop(b3);
            waitUntilStale(b3);
            cleanupBy(b2, true, KEEP_PREVIOUS);
            cleanupBy(b2, true, KEEP_PREVIOUS);
            check("rollback done", b2);
        } finally {
            refresher.shutdownNow();
            instances.clear();
            MediaAccount.clearRows();
            OwnEmulatorResource.delete(root);
        }
        System.out.printf("Rolling deployment (3 builds played in one JVM, then a rollback): %d static URL checks, %d"
                + " answered 404; %d references checked, %d referenced files deleted; %d orphan runs deferred for"
                + " attributes they did not know, %d cleanups stopped by injected faults; %d static files and %d"
                + " orphans deleted%n", staticChecked, notFound, referencesChecked, referencedDeleted, deferred,
                faulted, staticDeleted, orphansDeleted);
        assertEquals(0, notFound, "static URLs of running builds that answered 404");
        assertEquals(0, referencedDeleted, "referenced files deleted");
        assertTrue(referencesChecked >= 4, "the rows written by builds 2 and 3 were checked: " + referencesChecked);
        assertTrue(deferred >= 4, "orphan runs of builds that lacked an attribute deferred: " + deferred);
        assertTrue(staticDeleted > 0 && orphansDeleted > 0, "the cleanups did delete what nobody needed");
    }

    private void start(PlayedBuild build) {
        instances.merge(build, 1, Integer::sum);
        StaticUploadReport report = build.statics.upload();
        assertEquals(0, report.failed(), () -> build + ": " + report.failures());
    }

    private void stop(PlayedBuild build) {
        instances.computeIfPresent(build, (b, count) -> count == 1 ? null : count - 1);
    }

    private void waitUntilStale(PlayedBuild build) throws InterruptedException {
        Instant last = build.lease.lastRefresh().orElseThrow();
        // creation times have whole seconds: one more second past the time to live
        while (Instant.now().isBefore(last.plus(TTL).plusSeconds(2))) {
            Thread.sleep(200);
        }
    }

    /**
     * Both cleanups, run by an instance of {@code build}.
     *
     * @param skewExpected whether a running build knows an attribute this one does not, so that its orphan run must
     *        defer
     */
    private RedundantStaticReport cleanupBy(PlayedBuild build, boolean skewExpected) {
        return cleanupBy(build, skewExpected, ONLY_LIVE);
    }

    private RedundantStaticReport cleanupBy(PlayedBuild build, boolean skewExpected, RedundantStaticOptions options) {
        RedundantStaticReport statics;
        try {
            statics = build.statics.deleteRedundant(options);
        } catch (CloudinaryException e) {
            // a dropped listing: the run stops before deciding anything
            faulted++;
            return null;
        }
        staticDeleted += statics.deleted().size();
        OrphanReport orphans = build.orphans.deleteOrphans();
        if (orphans.schemaSkew().isPresent()) {
            deferred++;
            assertEquals(0, orphans.deleted());
            System.out.println(build + ": " + orphans.schemaSkew().get().describe());
        } else {
            orphansDeleted += orphans.deleted();
        }
        assertEquals(skewExpected, orphans.schemaSkew().isPresent(), () -> build + ": " + orphans.summary());
        return statics;
    }

    private void check(String step, PlayedBuild... running) {
        for (PlayedBuild build : running) {
            for (StaticAsset asset : build.assets) {
                int status = given().get(build.statics.url(asset.originalName())).statusCode();
                staticChecked++;
                if (status == 404) {
                    notFound++;
                    System.out.println(step + ": " + build + " lost " + asset.publicId());
                } else {
                    assertEquals(200, status, step + ": " + asset.publicId());
                }
            }
        }
        Set<String> images = MediaAccount.media(cloudinary, CloudinaryResourceType.IMAGE).keySet();
        Set<String> videos = MediaAccount.media(cloudinary, CloudinaryResourceType.VIDEO).keySet();
        List<MediaItem> rows = QuarkusTransaction.requiringNew().call(() -> MediaItem.<MediaItem> listAll());
        for (MediaItem row : rows) {
            if (row.image != null) {
                referencesChecked++;
                referencedDeleted += images.contains(MediaName.publicId(CloudinaryResourceType.IMAGE, row.image)) ? 0 : 1;
            }
            if (row.video != null) {
                referencesChecked++;
                referencedDeleted += videos.contains(MediaName.publicId(CloudinaryResourceType.VIDEO, row.video)) ? 0 : 1;
            }
        }
    }

    /** Rows that reference seeded files through one attribute, as the build that has it writes them. */
    private void reference(String attribute, String prefix, int count, String extension) {
        Set<String> ids = MediaAccount.media(cloudinary, attribute.equals("image") ? CloudinaryResourceType.IMAGE
                : CloudinaryResourceType.VIDEO).keySet();
        List<String> seeded = ids.stream().filter(id -> id.startsWith(prefix)).sorted().toList();
        assertEquals(count, seeded.size(), "seeded " + prefix);
        QuarkusTransaction.requiringNew().run(() -> {
            for (String id : seeded) {
                MediaItem row = new MediaItem();
                row.title = attribute + " " + id;
                if (attribute.equals("image")) {
                    row.image = id + extension;
                } else {
                    row.video = id + extension;
                }
                row.persist();
            }
        });
    }

    private static boolean isImage(CloudinaryFileField field) {
        return field.entityClass().endsWith(".MediaItem") && field.attributePath().equals("image");
    }

    private static boolean isVideo(CloudinaryFileField field) {
        return field.entityClass().endsWith(".MediaItem") && field.attributePath().equals("video");
    }
}
