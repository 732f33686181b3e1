package io.quarkiverse.cloudinary.storage.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;
import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkiverse.cloudinary.storage.statics.RedundantStaticOptions;
import io.quarkiverse.cloudinary.storage.statics.RedundantStaticReport;
import io.quarkiverse.cloudinary.storage.statics.StaticAsset;
import io.quarkiverse.cloudinary.storage.statics.StaticUploadReadinessCheck;
import io.quarkiverse.cloudinary.storage.statics.StaticUploadReport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Leases of builds against the redundant static cleanup and the readiness check, with builds played in the test
 * application ({@link PlayedBuild}).
 */
@QuarkusTest
@TestProfile(WithoutDeleteGuard.class)
class BuildLeaseTest {

    private static final Duration REFRESH = Duration.ofSeconds(1);
    private static final Duration TTL = Duration.ofSeconds(2);

    @Inject
    CloudinaryOperations operations;

    @Inject
    CloudinaryRuntimeConfig config;

    private EmulatorControlClient emulator;
    private Path root;

    @BeforeEach
    void freshAccount() throws Exception {
        emulator = Emulator.reset(operations);
        root = Files.createTempDirectory(Path.of("target"), "leases-");
    }

    @AfterEach
    void noLatencyLeft() {
        emulator.latency("delivery:get", Duration.ZERO);
        emulator.clearFaults();
        OwnEmulatorResource.delete(root);
    }

    /**
     * Build 1 is deployed, then build 2, then build 1 again (a rollback): build 1's record keeps its first upload time,
     * its lease says it ran last. With one previous deployment kept, build 1's files stay and build 2's go.
     */
    @Test
    void deploymentsRankByWhenTheyLastRan() throws Exception {
        try (PlayedBuild b1 = build("b1", "one");
                PlayedBuild b2 = build("b2", "two");
                PlayedBuild b3 = build("b3", "three")) {
            upload(b1);
            Thread.sleep(1_100);
            upload(b2);
            Thread.sleep(1_100);
            StaticUploadReport again = upload(b1);
            assertEquals(0, again.uploaded(), "the redeployed build finds everything there, its record too");
            upload(b3);
            waitUntilStale(b1, b2);
            b3.lease.refresh();

            RedundantStaticReport report = b3.statics.deleteRedundant(new RedundantStaticOptions(false, false, 1,
                    Duration.ZERO));

            assertTrue(report.liveBuilds().equals(java.util.List.of(b3.lease.record().buildId())),
                    "only build 3 runs: " + report.liveBuilds());
            assertTrue(report.deleted().contains(css(b2).publicId()), "build 2 ran before build 1's rollback: "
                    + report.deleted());
            assertFalse(report.deleted().contains(css(b1).publicId()), "build 1 ran last: " + report.deleted());
            assertEquals(200, given().get(b1.statics.url("css/site.css")).statusCode());
            assertEquals(404, given().get(b2.statics.url("css/site.css")).statusCode());
        }
    }

    /**
     * A cleanup lists while build X is not running, so it judges X's files redundant; X starts meanwhile and its upload
     * skips them as already there. The cleanup's check of the leases right before its delete finds X running, and
     * keeps them: after the upload every file X skipped is still there.
     */
    @Test
    void anUploadThatSkipsFilesDuringACleanupKeepsThem() throws Exception {
        try (PlayedBuild x = build("x", "x"); PlayedBuild y = build("y", "y"); PlayedBuild z = build("z", "z")) {
            upload(x);
            Thread.sleep(1_100);
            upload(z);
            waitUntilStale(x, z);
            upload(y);
            // every read of a lease or record through its URL takes a while: the cleanup is slow between its listing
            // of the leases and its deletes, the upload makes no such read
            emulator.latency("delivery:get", Duration.ofMillis(1_500));
            emulator.resetRequestCounts();
            CompletableFuture<RedundantStaticReport> cleanup = CompletableFuture
                    .supplyAsync(() -> y.statics.deleteRedundant(new RedundantStaticOptions(false, false, 0,
                            Duration.ZERO)));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (emulator.requestCount("admin:resources:list") == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, emulator.requestCount("admin:resources:list"), "the cleanup listed the leases once");
            StaticUploadReport skipping = x.statics.upload();
            // X's instance runs on: its refresher keeps the lease fresh while the slow cleanup goes on
            ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor();
            refresher.scheduleWithFixedDelay(x.lease::refresh, REFRESH.toMillis(), REFRESH.toMillis(),
                    TimeUnit.MILLISECONDS);
            RedundantStaticReport report;
            try {
                report = cleanup.join();
            } finally {
                refresher.shutdownNow();
            }
            emulator.latency("delivery:get", Duration.ZERO);

            assertEquals(0, skipping.uploaded(), "build X found all its files there");
            assertEquals(x.assets.size() + 1, skipping.skipped(), "its files and its record");
            assertFalse(report.liveBuilds().contains(x.lease.record().buildId()),
                    "the cleanup's listing ran before X started: " + report.liveBuilds());
            for (StaticAsset asset : x.assets) {
                assertFalse(report.deleted().contains(asset.publicId()), asset.publicId() + " in " + report.deleted());
                assertEquals(200, given().get(x.statics.url(asset.originalName())).statusCode(), asset.publicId());
            }
            assertTrue(report.stoppedBecause().isEmpty(), "no record changed, so only the leases kept them: "
                    + report.stoppedBecause());
            // no previous deployment is kept: Z, stopped, is one no more, and neither are its lease and its files
            assertTrue(report.deleted().contains(z.lease.publicId()), "the run deleted what nobody needs, as the"
                    + " stale lease of Z: " + report.deleted());
            assertFalse(report.deleted().contains(x.lease.publicId()), "X's lease, stale when listed, is fresh again");
        }
    }

    @Test
    void readinessStaysDownWhileAFileFailed() throws Exception {
        try (PlayedBuild w = build("w", "w")) {
            StaticUploadReadinessCheck check = new StaticUploadReadinessCheck(w.statics, config);
            emulator.fault("upload:upload", 500, 1_000);
            StaticUploadReport failed = w.statics.upload();
            assertTrue(failed.failed() > 0, failed.toString());

            HealthCheckResponse down = check.call();
            assertEquals(HealthCheckResponse.Status.DOWN, down.getStatus());
            String reason = down.getData().orElseThrow().get("reason").toString();
            assertTrue(reason.contains("failed to upload"), reason);

            emulator.clearFaults();
            assertEquals(0, w.statics.upload().failed());
            assertEquals(HealthCheckResponse.Status.UP, check.call().getStatus());
        }
    }

    private PlayedBuild build(String name, String color) throws Exception {
        return PlayedBuild.of(name, root, Map.of("css/site.css", "body { color: " + color + " }", "js/app.js",
                "let build = '" + name + "';"), field -> true, REFRESH, TTL);
    }

    private static StaticUploadReport upload(PlayedBuild build) {
        StaticUploadReport report = build.statics.upload();
        assertEquals(0, report.failed(), () -> build + ": " + report.failures());
        return report;
    }

    private static StaticAsset css(PlayedBuild build) {
        return build.assets.stream().filter(a -> a.originalName().equals("css/site.css")).findFirst().orElseThrow();
    }

    private static void waitUntilStale(PlayedBuild... builds) throws InterruptedException {
        for (PlayedBuild build : builds) {
            Instant last = build.lease.lastRefresh().orElseThrow();
            while (Instant.now().isBefore(last.plus(TTL).plusSeconds(2))) {
                Thread.sleep(100);
            }
        }
    }
}
