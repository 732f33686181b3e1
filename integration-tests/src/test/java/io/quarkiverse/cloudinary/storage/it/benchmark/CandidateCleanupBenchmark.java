package io.quarkiverse.cloudinary.storage.it.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.cloudinary.api.ApiResponse;

import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.client.RateLimitStatus;
import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;
import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFiles;
import io.quarkiverse.cloudinary.storage.it.MediaItem;
import io.quarkiverse.cloudinary.storage.it.WithoutDeleteGuard;
import io.quarkiverse.cloudinary.storage.orphans.CandidateCleanup;
import io.quarkiverse.cloudinary.storage.orphans.CandidateReport;
import io.quarkiverse.cloudinary.storage.orphans.OrphanCleanup;
import io.quarkiverse.cloudinary.storage.orphans.OrphanReport;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The candidate cleanup on a large account: 100,000 owned raw files, each referenced by one row, of which a day's
 * changes drop 1,000 (500 rows get a new file, 500 rows are deleted, through JPA so that the application's listener
 * records them), 20 ms of latency on every request. Measured with the default settings, in one run:
 * <ol>
 * <li>the day as the candidate job sees it, every 5 minutes (its default), the drops spread over the day: each run has a
 * few files due, so {@code delete-with=auto} deletes with the Upload API's {@code destroy};</li>
 * <li>the 1,000 as a backlog in one run, with an Admin API budget that does not cover the bulk calls above the
 * reserve: {@code destroy} again;</li>
 * <li>the same backlog with the budget that covers them: the bulk Admin delete, 100 per call;</li>
 * <li>today's full scan ({@link OrphanCleanup#deleteOrphans()}) of the same account with 1,000 orphans.</li>
 * </ol>
 * Prints requests by kind and endpoint, wall time, the full scan's ratio to each, and the counting formulas for
 * 1,000,000 files; asserts only that each way deleted exactly the dropped files, and that the candidate runs that
 * destroy spend no Admin API call.
 * <p>
 * {@code -Dbenchmark.candidates.files}, {@code .changed} and {@code .latencyMillis} change the sizes;
 * {@code -Dbenchmark.candidates.heapSampleMillis=2000} also samples the live heap of the single runs, with full
 * collections that then count in their wall time (off by default: the wall times are the point here).
 */
@QuarkusTest
@TestProfile(WithoutDeleteGuard.class)
class CandidateCleanupBenchmark {

    private static final int FILES = Integer.getInteger("benchmark.candidates.files", 100_000);
    private static final int CHANGED = Integer.getInteger("benchmark.candidates.changed", 1_000);
    private static final int LATENCY_MILLIS = Integer.getInteger("benchmark.candidates.latencyMillis", 20);
    private static final long HEAP_SAMPLE_MILLIS = Long.getLong("benchmark.candidates.heapSampleMillis", 0);
    /** The default of {@code quarkus.cloudinary.orphans.candidates.every}, which the test configuration turns off. */
    private static final Duration TICK = Duration.ofMinutes(5);
    private static final Duration DAY = Duration.ofDays(1);
    /** The hourly Admin API budget the backlog runs are given: Cloudinary's smallest plan's. */
    private static final int HOURLY_BUDGET = 500;
    private static final String FOLDER = "media/items/documents/bench/";
    private static final String SUFFIX = ".bin";
    private static final long FIRST_ROW_ID = 10_000_000L;
    private static final String JOURNAL = "cloudinary_media_journal";
    private static final Set<String> LISTING = Set.of("admin:resources:list", "admin:resources:by-tag",
            "admin:resources:by-context", "admin:tags", "admin:folders:list");

    /** What one way of cleaning did. */
    record Measured(int runs, long mostDue, String method, long deleted, Map<String, Long> requests, double seconds,
            double gcSeconds, long heapGrowth) {

        long admin() {
            return sum("admin:");
        }

        long upload() {
            return sum("upload:");
        }

        long listing() {
            return requests.entrySet().stream().filter(e -> LISTING.contains(e.getKey())).mapToLong(Map.Entry::getValue)
                    .sum();
        }

        long all() {
            return admin() + upload();
        }

        private long sum(String prefix) {
            return requests.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                    .mapToLong(Map.Entry::getValue).sum();
        }
    }

    @Inject
    CandidateCleanup candidates;

    @Inject
    OrphanCleanup orphans;

    @Inject
    StorageOwner owner;

    @Inject
    CloudinaryOperations operations;

    @Inject
    CloudinaryRuntimeConfig config;

    @Inject
    CloudinaryFiles files;

    @Inject
    DataSource dataSource;

    EmulatorControlClient emulator;

    /** The files the account should hold under the folder. */
    final Set<String> expected = new HashSet<>();

    @Test
    void aDayOfChangesOnALargeAccount() throws Exception {
        assertTrue(CHANGED >= 2 && CHANGED % 2 == 0 && FILES >= 4 * CHANGED,
                "benchmark.candidates.changed must be even, and files at least 4 times changed");
        emulator = new EmulatorControlClient(
                ConfigProvider.getConfig().getValue("quarkus.cloudinary.api-base-url", String.class));
        emulator.reset();
        unlimitedBudget();
        clearTables();
        try {
            long setUp = System.nanoTime();
            emulator.seed("raw", FOLDER, SUFFIX, FILES, 64, "media", Duration.ofHours(2), owner.context());
            List<String> originals = names(FOLDER, FILES);
            expected.addAll(originals);
            insertRows(originals);
            // what the application's own uploads of these files would have recorded: the journal proves them its own
            insertUploaded(originals);
            System.out.printf("set-up: %,d files seeded, %,d rows and %,d journal rows inserted in %.1f s%n", FILES,
                    FILES, FILES, (System.nanoTime() - setUp) / 1e9);

            List<String> dayDrops = changeRows(0, "day-");
            Measured day = aDayOfJobRuns(dayDrops);
            assertGone(dayDrops);

            List<String> lowDrops = changeRows(1, "low-");
            shiftDrops(Duration.ofHours(1));
            long lowRemaining = config.orphans().rateLimitReserve() + 5;
            Measured low = oneBacklog(lowRemaining);
            assertGone(lowDrops);

            List<String> bulkDrops = changeRows(2, "bulk-");
            shiftDrops(Duration.ofHours(1));
            Measured bulk = oneBacklog(HOURLY_BUDGET);
            assertGone(bulkDrops);

            List<String> orphaned = orphanRows(3);
            int filesAtScan = expected.size();
            Measured scan = fullScan();
            assertGone(orphaned);
            // each way's files were gone right after it; now nothing else is
            double listing = assertAccountHoldsExactlyTheRest();

            print(day, low, lowRemaining, bulk, scan, filesAtScan, listing);
            assertEquals(CHANGED, day.deleted());
            assertEquals(0, day.admin(), "a day of candidate runs spends no Admin API call: " + day.requests());
            assertEquals(CHANGED, day.requests().getOrDefault("upload:destroy", 0L));
            assertEquals("destroy", day.method());
            assertEquals(CHANGED, low.deleted());
            assertEquals(0, low.admin(), "a backlog the budget does not cover goes out with destroy: " + low.requests());
            assertEquals(CHANGED, low.requests().getOrDefault("upload:destroy", 0L));
            assertEquals(CHANGED, bulk.deleted());
            assertEquals(CHANGED, scan.deleted());
        } finally {
            emulator.latency(Duration.ZERO);
            unlimitedBudget();
            clearTables();
        }
    }

    /**
     * The day as the candidate job sees it: the drops spread evenly over the day, one run every {@link #TICK}, each
     * taking what its grace period let go, until none is left. The wall time is the sum of the runs'.
     */
    private Measured aDayOfJobRuns(List<String> dropped) throws SQLException {
        List<String> order = new ArrayList<>();
        int half = dropped.size() / 2;
        for (int i = 0; i < half; i++) {
            // a replaced file, then a deleted row's
            order.add(dropped.get(i));
            order.add(dropped.get(half + i));
        }
        long start = System.currentTimeMillis();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE " + JOURNAL
                        + " SET at_millis = ? WHERE owner = ? AND event = 'dropped' AND name = ?")) {
            for (int k = 0; k < order.size(); k++) {
                update.setLong(1, start + (long) ((k + 0.5) * DAY.toMillis() / order.size()));
                update.setString(2, owner.owner());
                update.setString(3, order.get(k));
                update.addBatch();
            }
            update.executeBatch();
        }
        emulator.latency(Duration.ofMillis(LATENCY_MILLIS));
        emulator.resetRequestCounts();
        long nanos = 0;
        long gcMillis = 0;
        int runs = 0;
        long mostDue = 0;
        long deleted = 0;
        Set<String> methods = new TreeSet<>();
        int maxRuns = (int) (DAY.plus(config.orphans().candidates().gracePeriod()).toMillis() / TICK.toMillis()) + 20;
        while (droppedLeft() > 0) {
            assertTrue(runs < maxRuns, "the day's candidates should be gone after " + maxRuns + " runs");
            // the clock moves on by one tick
            shiftDrops(TICK);
            long gcBefore = gcMillis();
            long started = System.nanoTime();
            CandidateReport report = candidates.cleanCandidates();
            nanos += System.nanoTime() - started;
            gcMillis += gcMillis() - gcBefore;
            runs++;
            mostDue = Math.max(mostDue, report.due());
            deleted += report.deleted();
            report.deleteMethod().ifPresent(methods::add);
            assertEquals(0, report.failed(), report.summary());
        }
        emulator.latency(Duration.ZERO);
        return new Measured(runs, mostDue, String.join("+", methods), deleted, requestCounts(), nanos / 1e9,
                gcMillis / 1e3, -1);
    }

    /** All due candidates at once, with the Admin API budget the application last saw at {@code remaining}. */
    private Measured oneBacklog(long remaining) throws Exception {
        emulator.rateLimit(HOURLY_BUDGET, remaining + 1, Duration.ofHours(1));
        operations.admin("ping", (api, options) -> api.ping(options));
        assertEquals(remaining, operations.rateLimit().map(RateLimitStatus::remaining).orElse(-1L));
        emulator.latency(Duration.ofMillis(LATENCY_MILLIS));
        emulator.resetRequestCounts();
        long[] runs = new long[3];
        Set<String> methods = new TreeSet<>();
        Measured measured = measure(() -> {
            CandidateReport report;
            do {
                report = candidates.cleanCandidates();
                runs[0]++;
                runs[1] = Math.max(runs[1], report.due());
                runs[2] += report.deleted();
                report.deleteMethod().ifPresent(methods::add);
            } while ((report.left() > 0 || report.failed() > 0) && runs[0] < 10);
            return runs[2];
        });
        emulator.latency(Duration.ZERO);
        unlimitedBudget();
        return new Measured((int) runs[0], runs[1], String.join("+", methods), measured.deleted(), measured.requests(),
                measured.seconds(), measured.gcSeconds(), measured.heapGrowth());
    }

    /** One whole pass of the reconciliation, over as many runs as its allowance of Admin API calls a run asks. */
    private Measured fullScan() throws Exception {
        emulator.latency(Duration.ofMillis(LATENCY_MILLIS));
        emulator.resetRequestCounts();
        int[] runs = new int[1];
        Measured measured = measure(() -> {
            long deleted = 0;
            OrphanReport report;
            do {
                report = orphans.deleteOrphans();
                assertEquals(0, report.failed(), report.summary());
                deleted += report.deleted();
                runs[0]++;
            } while (!report.complete() && runs[0] < 10_000);
            return deleted;
        });
        emulator.latency(Duration.ZERO);
        return new Measured(runs[0], -1, "bulk", measured.deleted(), measured.requests(), measured.seconds(),
                measured.gcSeconds(), measured.heapGrowth());
    }

    /** The Admin API calls one run of the reconciliation may make, where the reconciliation is spread over runs. */
    private static Optional<Integer> callsPerScanRun() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.cloudinary.orphans.reconciliation.max-calls-per-run",
                Integer.class);
    }

    @FunctionalInterface
    interface Run {
        long deleted() throws Exception;
    }

    private Measured measure(Run run) throws Exception {
        HeapSampler heap = HEAP_SAMPLE_MILLIS > 0 ? HeapSampler.start(Duration.ofMillis(HEAP_SAMPLE_MILLIS)) : null;
        long gcBefore = gcMillis();
        long started = System.nanoTime();
        long deleted = run.deleted();
        double seconds = (System.nanoTime() - started) / 1e9;
        double gcSeconds = (gcMillis() - gcBefore) / 1e3;
        if (heap != null) {
            heap.close();
        }
        return new Measured(1, -1, "", deleted, requestCounts(), seconds, gcSeconds, heap == null ? -1 : heap.growth());
    }

    /** The time the collectors of this JVM (the application's, the in-memory database's, the emulator's) spent. */
    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
    }

    /**
     * The day's changes to one slot of rows, made through JPA in transactions of 100 as the application makes them:
     * half of the rows get a new file, the other half are deleted. The listener records each dropped name.
     *
     * @return the dropped names: the replaced files, then the deleted rows' files
     */
    private List<String> changeRows(int slot, String tag) throws SQLException {
        assertEquals(0, droppedLeft(), "no candidate left from before");
        int first = slot * CHANGED;
        int half = CHANGED / 2;
        emulator.seed("raw", FOLDER + tag, SUFFIX, half, 64, "media", Duration.ofHours(2), owner.context());
        List<String> replacements = names(FOLDER + tag, half);
        expected.addAll(replacements);
        // as their uploads would have recorded them
        insertUploaded(replacements);
        for (int from = 0; from < CHANGED; from += 100) {
            int chunk = from;
            QuarkusTransaction.requiringNew().run(() -> {
                for (int i = chunk; i < Math.min(CHANGED, chunk + 100); i++) {
                    MediaItem item = MediaItem.findById(FIRST_ROW_ID + first + i);
                    if (i < half) {
                        item.document = replacements.get(i);
                    } else {
                        item.delete();
                    }
                }
            });
        }
        List<String> dropped = new ArrayList<>();
        for (int i = first; i < first + CHANGED; i++) {
            dropped.add(name(FOLDER, FILES, i));
        }
        List<String> recorded = journalNames("dropped");
        assertEquals(CHANGED, recorded.size(), "one dropped row a change");
        assertEquals(new TreeSet<>(dropped), new TreeSet<>(recorded));
        return dropped;
    }

    /** Deletes a slot of rows with plain SQL, which records nothing: orphans only a full scan finds. */
    private List<String> orphanRows(int slot) throws SQLException {
        int first = slot * CHANGED;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertEquals(CHANGED, statement.executeUpdate("DELETE FROM MediaItem WHERE id >= " + (FIRST_ROW_ID + first)
                    + " AND id < " + (FIRST_ROW_ID + first + CHANGED)));
        }
        List<String> orphaned = new ArrayList<>();
        for (int i = first; i < first + CHANGED; i++) {
            orphaned.add(name(FOLDER, FILES, i));
        }
        return orphaned;
    }

    /** None of the files is on the account any more: 100 asked per call. */
    private void assertGone(List<String> gone) {
        expected.removeAll(gone);
        for (int from = 0; from < gone.size(); from += 100) {
            List<String> ids = gone.subList(from, Math.min(gone.size(), from + 100));
            ApiResponse found = operations.adminIdempotent("check", (api, options) -> {
                options.put("resource_type", "raw");
                options.put("type", "upload");
                return api.resourcesByIds(ids, options);
            });
            assertEquals(List.of(), found.get("resources"), "still there");
        }
    }

    /**
     * The folder holds exactly the files seeded and not gone: no way deleted anything else.
     *
     * @return how long the emulator took to list them, at no latency
     */
    private double assertAccountHoldsExactlyTheRest() {
        long started = System.nanoTime();
        Set<String> listed = new HashSet<>();
        String cursor = null;
        do {
            String pageCursor = cursor;
            ApiResponse page = operations.adminIdempotent("listing", (api, options) -> {
                options.put("resource_type", "raw");
                options.put("type", "upload");
                options.put("prefix", FOLDER);
                options.put("max_results", 500);
                if (pageCursor != null) {
                    options.put("next_cursor", pageCursor);
                }
                return api.resources(options);
            });
            for (Object resource : (List<?>) page.get("resources")) {
                listed.add(((Map<?, ?>) resource).get("public_id").toString());
            }
            Object next = page.get("next_cursor");
            cursor = next == null ? null : next.toString();
        } while (cursor != null);
        double seconds = (System.nanoTime() - started) / 1e9;
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(listed);
        Set<String> left = new TreeSet<>(listed);
        left.removeAll(expected);
        assertTrue(missing.isEmpty() && left.isEmpty(), "deleted but kept: " + first(missing) + "; kept but dropped: "
                + first(left));
        return seconds;
    }

    private static String first(Set<String> names) {
        return names.size() + " " + names.stream().limit(10).toList();
    }

    private void print(Measured day, Measured low, long lowRemaining, Measured bulk, Measured scan, int filesAtScan,
            double listing) {
        CloudinaryRuntimeConfig.Candidates settings = config.orphans().candidates();
        int reserve = config.orphans().rateLimitReserve();
        List<Measured> all = List.of(day, low, bulk, scan);
        System.out.printf("%n=== Candidate cleanup: %,d owned raw files, %,d dropped (%,d replaced, %,d rows deleted),"
                + " %d ms latency per request ===%n", FILES, CHANGED, CHANGED / 2, CHANGED / 2, LATENCY_MILLIS);
        System.out.printf("defaults: every=%s (off in tests: played here), grace-period=%s, delete-with=%s, bulk-above=%d,"
                + " destroy-concurrency=%d, max-deletes-per-run=%d, orphans.rate-limit-reserve=%d%n", "5m",
                settings.gracePeriod(), settings.deleteWith().name().toLowerCase(java.util.Locale.ROOT),
                settings.bulkAbove(), settings.destroyConcurrency(), settings.maxDeletesPerRun(), reserve);
        System.out.printf("%-26s %16s %16s %16s %16s%n", "", "day, 5m job", "1 run, budget", "1 run, budget",
                "full scan");
        System.out.printf("%-26s %16s %16s %16s %16s%n", "", "", lowRemaining + " left",
                (HOURLY_BUDGET - 1) + " left", String.format("%,d files", filesAtScan));
        line("runs", all, m -> Long.toString(m.runs()));
        line("most due in one run", all, m -> m.mostDue() < 0 ? "-" : Long.toString(m.mostDue()));
        line("delete method", all, Measured::method);
        line("files deleted", all, m -> Long.toString(m.deleted()));
        line("listing calls", all, m -> Long.toString(m.listing()));
        line("Admin API calls", all, m -> Long.toString(m.admin()));
        line("Upload API calls", all, m -> Long.toString(m.upload()));
        line("all API calls", all, m -> Long.toString(m.all()));
        line("wall time", all, m -> String.format("%.2f s", m.seconds()));
        line("  of which GC", all, m -> String.format("%.2f s", m.gcSeconds()));
        if (HEAP_SAMPLE_MILLIS > 0) {
            line("peak live heap above idle", all,
                    m -> m.heapGrowth() < 0 ? "-" : String.format("%.1f MB", m.heapGrowth() / 1e6));
        }
        line("full scan / this, time", all, m -> String.format("%.1f", scan.seconds() / m.seconds()));
        line("full scan / this, calls", all, m -> String.format("%.2f", (double) scan.all() / Math.max(1, m.all())));
        line("full scan / this, Admin", all,
                m -> m.admin() == 0 ? "no Admin" : String.format("%.1f", (double) scan.admin() / m.admin()));
        System.out.println("requests by endpoint:");
        Set<String> endpoints = new TreeSet<>();
        all.forEach(m -> endpoints.addAll(m.requests().keySet()));
        for (String endpoint : endpoints) {
            line("  " + endpoint, all, m -> Long.toString(m.requests().getOrDefault(endpoint, 0L)));
        }
        System.out.printf("the emulator's own work in the full scan: listing the folder's %,d files at 0 ms latency took"
                + " %.1f s here (each page filters and sorts every asset); less that, full scan / 1 run destroy = %.1f,"
                + " / 1 run bulk = %.1f%n", expected.size(), listing, (scan.seconds() - listing) / low.seconds(),
                (scan.seconds() - listing) / bulk.seconds());
        int otherTypes = files.registry().resourceTypes().size() - 1;
        long leases = scan.listing() - (filesAtScan + 499) / 500 - otherTypes;
        long scanAt = (filesAtScan + 499) / 500 + otherTypes + leases + 2L * ((CHANGED + 99) / 100);
        System.out.printf("counting, F files, C names dropped a day, O orphans a full scan finds (here F=%,d at the scan,"
                + " C=O=%,d):%n", filesAtScan, CHANGED);
        System.out.printf("  candidate runs, a trickle (<= bulk-above=%d due a run): C destroys (Upload API), 0 listing,"
                + " 0 Admin, whatever F%n", settings.bulkAbove());
        System.out.printf("  candidate runs, bulk: ceil(min(due, %d)/100) Admin a run, ceil(C/100) for C; 0 listing%n",
                settings.maxDeletesPerRun());
        System.out.printf("  full scan: ceil(F/500) listings + 1 empty one per other annotated resource type (%d here)"
                + " + the lease listing (%d) + ceil(O/100) owner checks + ceil(O/100) deletes = %,d here, measured %,d"
                + " Admin%n", otherTypes, leases, scanAt, scan.admin());
        long million = 1_000_000;
        long scanMillion = (million + 499) / 500 + otherTypes + leases + 2L * ((CHANGED + 99) / 100);
        String spread = callsPerScanRun().map(calls -> String.format(", spread over at least %d runs of at most %d"
                + " calls (here: %d runs)", (scanMillion + calls - 1) / calls, calls, scan.runs())).orElse("");
        System.out.printf("  F=1,000,000, C=O=%,d: candidate runs %,d Upload API + 0 Admin a day (bulk: %d Admin);"
                + " full scan %,d Admin calls, %.1f hours of a %d/hour budget above the reserve of %d%s%n", CHANGED,
                CHANGED, (CHANGED + 99) / 100, scanMillion, (double) scanMillion / (HOURLY_BUDGET - reserve),
                HOURLY_BUDGET, reserve, spread);
        System.out.printf("what the defaults pick: auto = destroy, unless more than bulk-above=%d are due in one run AND"
                + " the Admin budget Cloudinary last reported covers 2 * ceil(due/100) calls (an owner check and a delete per 100, at worst) above the reserve of %d;"
                + " a 5m job sees %.1f due a run on average for %,d a day: destroy%n", settings.bulkAbove(), reserve,
                (double) CHANGED * TICK.toMillis() / DAY.toMillis(), CHANGED);
        System.out.println("run: ./mvnw -B -ntp install -DskipTests && ./mvnw -B -ntp test -Pbenchmark -pl"
                + " integration-tests -Dtest=CandidateCleanupBenchmark");
        System.out.println();
    }

    private static void line(String label, List<Measured> all, java.util.function.Function<Measured, String> cell) {
        StringBuilder line = new StringBuilder(String.format("%-26s", label));
        all.forEach(m -> line.append(String.format(" %16s", cell.apply(m))));
        System.out.println(line);
    }

    private Map<String, Long> requestCounts() {
        String json = emulator.requestCounts();
        int endpoints = json.indexOf("\"endpoints\"");
        Map<String, Long> counts = new TreeMap<>();
        Matcher entry = Pattern.compile("\"([^\"]+)\"\\s*:\\s*(\\d+)").matcher(json.substring(Math.max(0, endpoints)));
        while (entry.find()) {
            long count = Long.parseLong(entry.group(2));
            if (count > 0) {
                counts.put(entry.group(1), count);
            }
        }
        return counts;
    }

    private void unlimitedBudget() {
        // the verifying listings and the full scan would spend the default hourly budget many times over
        emulator.rateLimit(10_000_000, 10_000_000, Duration.ofHours(1));
        operations.admin("ping", (api, options) -> api.ping(options));
    }

    /** The names the emulator's seed gives: prefix, zero-padded index, suffix (raw public ids keep it). */
    private static List<String> names(String prefix, int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(name(prefix, count, i));
        }
        return names;
    }

    private static String name(String prefix, int count, int index) {
        int digits = Integer.toString(Math.max(count - 1, 0)).length();
        return prefix + String.format("%0" + digits + "d", index) + SUFFIX;
    }

    private void insertRows(List<String> names) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO MediaItem (id, title, document) VALUES (?, ?, ?)")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < names.size(); i++) {
                insert.setLong(1, FIRST_ROW_ID + i);
                insert.setString(2, "row " + i);
                insert.setString(3, names.get(i));
                insert.addBatch();
                if (i % 1_000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
    }

    private void insertUploaded(List<String> names) throws SQLException {
        long at = System.currentTimeMillis() - Duration.ofHours(2).toMillis();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO " + JOURNAL
                        + " (owner, event, resource_type, name, public_id, at_millis)"
                        + " VALUES (?, 'uploaded', 'RAW', ?, ?, ?)")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < names.size(); i++) {
                insert.setString(1, owner.owner());
                // a raw file's public id is its name
                insert.setString(2, names.get(i));
                insert.setString(3, names.get(i));
                insert.setLong(4, at);
                insert.addBatch();
                if (i % 1_000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
    }

    private List<String> journalNames(String event) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT name FROM " + JOURNAL
                        + " WHERE owner = ? AND event = ?")) {
            query.setString(1, owner.owner());
            query.setString(2, event);
            List<String> names = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        }
    }

    private long droppedLeft() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM " + JOURNAL
                        + " WHERE owner = ? AND event = 'dropped'")) {
            query.setString(1, owner.owner());
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Moves the recorded drops back in time, as if that much time had passed. */
    private void shiftDrops(Duration by) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE " + JOURNAL
                        + " SET at_millis = at_millis - ? WHERE owner = ? AND event = 'dropped'")) {
            update.setLong(1, by.toMillis());
            update.setString(2, owner.owner());
            update.executeUpdate();
        }
    }

    private void clearTables() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM " + JOURNAL);
            statement.executeUpdate("DELETE FROM MediaItem WHERE id >= " + FIRST_ROW_ID);
        }
    }
}
