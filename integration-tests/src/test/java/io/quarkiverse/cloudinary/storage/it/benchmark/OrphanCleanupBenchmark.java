package io.quarkiverse.cloudinary.storage.it.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.cloudinary.api.ApiResponse;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFiles;
import io.quarkiverse.cloudinary.storage.it.WithoutDeleteGuard;
import io.quarkiverse.cloudinary.storage.media.MediaName;
import io.quarkiverse.cloudinary.storage.orphans.OrphanCleanup;
import io.quarkiverse.cloudinary.storage.orphans.OrphanReport;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Orphan cleanup of a large account: 50,000 media files of which 10,000 are orphans, 100,000 rows referencing the
 * other 40,000, 20 ms of latency on every request. Beside it, in the same run and on the same data, what the original
 * package did: collect every referenced name, list the tag, destroy each orphan with its own call. Prints Admin API
 * calls, all calls, wall time and the live heap's peak growth of both, and their ratios; asserts only that both
 * deleted exactly the orphans.
 * <p>
 * {@code -Dbenchmark.orphans.type=image} runs it on images, whose stored names carry an extension the public ids lack.
 */
@QuarkusTest
@TestProfile(WithoutDeleteGuard.class)
class OrphanCleanupBenchmark {

    private static final int FILES = Integer.getInteger("benchmark.orphans.files", 50_000);
    private static final int ORPHANS = Integer.getInteger("benchmark.orphans.orphans", 10_000);
    private static final int ROWS = Integer.getInteger("benchmark.orphans.rows", 100_000);
    private static final int LATENCY_MILLIS = Integer.getInteger("benchmark.orphans.latencyMillis", 20);
    private static final CloudinaryResourceType TYPE = CloudinaryResourceType
            .valueOf(System.getProperty("benchmark.orphans.type", "raw").toUpperCase(java.util.Locale.ROOT));
    private static final String PREFIX = "media/bench/";
    private static final long FIRST_ROW_ID = 10_000_000L;

    /** What one way of cleaning did. */
    record Measured(long adminCalls, long uploadCalls, double seconds, long heapGrowth, long deleted) {
        long allCalls() {
            return adminCalls + uploadCalls;
        }
    }

    @Inject
    OrphanCleanup cleanup;

    @Inject
    StorageOwner owner;

    @Inject
    CloudinaryOperations operations;

    @Inject
    CloudinaryFiles files;

    @Inject
    DataSource dataSource;

    EmulatorControlClient emulator;

    @Test
    void cleanupOfALargeAccount() throws Exception {
        emulator = new EmulatorControlClient(
                ConfigProvider.getConfig().getValue("quarkus.cloudinary.api-base-url", String.class));
        emulator.reset();
        // a fresh account: a pass a previous run left half done would point into assets that are gone
        try (Connection connection = dataSource.getConnection();
                Statement forget = connection.createStatement()) {
            forget.executeUpdate("DELETE FROM " + io.quarkiverse.cloudinary.storage.orphans.ReconciliationStore.TABLE);
        } catch (SQLException noTableYet) {
            // no run made it yet
        }
        // the baseline alone would spend the default hourly budget many times over
        emulator.rateLimit(10_000_000, 10_000_000, Duration.ofHours(1));
        operations.admin("ping", (api, options) -> api.ping(options));
        String column = switch (TYPE) {
            case IMAGE -> "image";
            case RAW -> "document";
            case VIDEO -> "video";
        };
        String suffix = TYPE == CloudinaryResourceType.RAW ? ".bin"
                : TYPE == CloudinaryResourceType.IMAGE ? ".jpg"
                        : ".mp4";
        deleteRows();
        try {
            emulator.seed(TYPE.cloudinaryName(), PREFIX, suffix, FILES, 64, "media", Duration.ofHours(2), owner.context());
            insertRows(column, suffix);
            emulator.latency(Duration.ofMillis(LATENCY_MILLIS));

            int maxCalls = ConfigProvider.getConfig()
                    .getValue("quarkus.cloudinary.orphans.reconciliation.max-calls-per-run", Integer.class);
            int[] runs = new int[1];
            Measured extension = measure(() -> {
                // one pass, spread over as many runs as its allowance of calls per run asks
                long deleted = 0;
                OrphanReport report;
                do {
                    report = cleanup.deleteOrphans();
                    assertTrue(report.requests() <= maxCalls, report.toString());
                    deleted += report.deleted();
                    runs[0]++;
                } while (!report.complete());
                return deleted;
            });
            System.out.printf("%nThe pass took %d runs of at most %d Admin API calls%n", runs[0], maxCalls);

            emulator.latency(Duration.ZERO);
            // the same orphans again, for the baseline
            emulator.seed(TYPE.cloudinaryName(), PREFIX, suffix, FILES, 64, "media", Duration.ofHours(2), owner.context());
            emulator.latency(Duration.ofMillis(LATENCY_MILLIS));
            Measured baseline = measure(this::theOriginalWay);
            emulator.latency(Duration.ZERO);

            print(extension, baseline);
            assertEquals(ORPHANS, extension.deleted());
            assertEquals(ORPHANS, baseline.deleted());
        } finally {
            emulator.latency(Duration.ZERO);
            deleteRows();
        }
    }

    @FunctionalInterface
    interface Run {
        long deleted() throws Exception;
    }

    private Measured measure(Run run) throws Exception {
        emulator.resetRequestCounts();
        // the live heap holds the emulator's 50,000 assets and the in-memory database: collections take long
        HeapSampler heap = HeapSampler.start(Duration.ofMillis(Long.getLong("benchmark.orphans.heapSampleMillis", 2_000)));
        long started = System.nanoTime();
        long deleted = run.deleted();
        double seconds = (System.nanoTime() - started) / 1e9;
        heap.close();
        long admin = 0;
        long upload = 0;
        // by context: how the extension lists its own files since they carry its owner mark
        for (String endpoint : List.of("admin:resources:by-tag", "admin:resources:by-context", "admin:resources:delete",
                "admin:resources:list", "admin:resources:by-ids")) {
            admin += emulator.requestCount(endpoint);
        }
        upload += emulator.requestCount("upload:destroy");
        return new Measured(admin, upload, seconds, heap.growth(), deleted);
    }

    /**
     * The original package's cleanup: every referenced name in a set, every tagged file in a list, one destroy call
     * per file in the list and not in the set.
     */
    private long theOriginalWay() throws Exception {
        Set<String> referenced = QuarkusTransaction.requiringNew().call(() -> {
            Set<String> names = new HashSet<>();
            for (String jpql : List.of("select e.image from MediaItem e", "select e.document from MediaItem e",
                    "select e.video from MediaItem e", "select p from Album a join a.photos p",
                    "select a.cover.image from Album a")) {
                for (String name : Panache.getEntityManager().createQuery(jpql, String.class).getResultList()) {
                    if (name != null) {
                        names.add(name);
                    }
                }
            }
            return names;
        });
        List<Map<?, ?>> listed = new ArrayList<>();
        for (CloudinaryResourceType type : CloudinaryResourceType.values()) {
            String cursor = null;
            do {
                String pageCursor = cursor;
                ApiResponse page = operations.adminIdempotent("listing", (api, options) -> {
                    options.put("resource_type", type.cloudinaryName());
                    options.put("max_results", 500);
                    if (pageCursor != null) {
                        options.put("next_cursor", pageCursor);
                    }
                    return api.resourcesByTag("media", options);
                });
                for (Object resource : (List<?>) page.get("resources")) {
                    listed.add((Map<?, ?>) resource);
                }
                Object next = page.get("next_cursor");
                cursor = next == null ? null : next.toString();
            } while (cursor != null);
        }
        long deleted = 0;
        for (Map<?, ?> resource : listed) {
            CloudinaryResourceType type = CloudinaryResourceType.valueOf(resource.get("resource_type").toString()
                    .toUpperCase(java.util.Locale.ROOT));
            Object format = resource.get("format");
            String name = MediaName.fromPublicId(type, resource.get("public_id").toString(),
                    format == null ? null : format.toString());
            if (!referenced.contains(name) && files.storage(type).delete(name)) {
                deleted++;
            }
        }
        return deleted;
    }

    private void print(Measured extension, Measured baseline) {
        System.out.printf("%n=== Orphan cleanup: %,d %s media files, %,d orphans, %,d rows, %d ms latency per request ===%n",
                FILES, TYPE.cloudinaryName(), ORPHANS, ROWS, LATENCY_MILLIS);
        System.out.printf("%-28s %18s %18s %14s%n", "", "this extension", "baseline", "baseline/this");
        row("Admin API calls", extension.adminCalls(), baseline.adminCalls());
        row("Upload API calls", extension.uploadCalls(), baseline.uploadCalls());
        row("all API calls", extension.allCalls(), baseline.allCalls());
        System.out.printf("%-28s %16.1f s %16.1f s %14.2f%n", "wall time", extension.seconds(), baseline.seconds(),
                baseline.seconds() / extension.seconds());
        System.out.printf("%-28s %15.1f MB %15.1f MB %14.2f%n", "peak live heap above idle", extension.heapGrowth() / 1e6,
                baseline.heapGrowth() / 1e6, (double) baseline.heapGrowth() / Math.max(1, extension.heapGrowth()));
        row("files deleted", extension.deleted(), baseline.deleted());
        // a listing per page, a check and a delete per 100 orphans
        long goal = (FILES + 499) / 500 + 2 * ((ORPHANS + 99) / 100);
        System.out.printf("goals: Admin API calls <= %d (plus one empty listing per other resource type with annotated"
                + " attributes: %d here, and the lease listing of each run), peak heap growth < 64 MB%n%n", goal,
                files.registry().resourceTypes().size() - 1);
    }

    private static void row(String label, long extension, long baseline) {
        System.out.printf("%-28s %18d %18d %14.2f%n", label, extension, baseline,
                (double) baseline / Math.max(1, extension));
    }

    private void insertRows(String column, String suffix) throws SQLException {
        int referenced = FILES - ORPHANS;
        int digits = Integer.toString(FILES - 1).length();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into MediaItem (id, title, " + column + ") values (?, ?, ?)")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < ROWS; i++) {
                String publicId = PREFIX + String.format("%0" + digits + "d", i % referenced);
                insert.setLong(1, FIRST_ROW_ID + i);
                insert.setString(2, "row " + i);
                // raw public ids keep the extension, image and video ones do not: the stored name has it either way
                insert.setString(3, publicId + suffix);
                insert.addBatch();
                if (i % 1_000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
    }

    private void deleteRows() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("delete from MediaItem where id >= " + FIRST_ROW_ID);
        }
    }
}
