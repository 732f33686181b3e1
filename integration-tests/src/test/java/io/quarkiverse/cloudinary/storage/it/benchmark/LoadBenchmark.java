package io.quarkiverse.cloudinary.storage.it.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import javax.imageio.ImageIO;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.cloudinary.Cloudinary;
import com.cloudinary.api.ApiResponse;

import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkiverse.cloudinary.storage.it.OwnEmulatorResource;
import io.quarkiverse.cloudinary.storage.it.StandaloneEmulator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Concurrent clients upload generated images through the demo application ({@code POST /items}, one
 * {@code @CloudinaryFile} image field, one row per upload) to a standalone emulator that answers every request 20 ms
 * late and keeps its files on disk. One client first, as the baseline, then {@code benchmark.clients} at once, then the
 * same clients while faults are injected: 5xx answers, connections cut mid-answer, and answers slower than the
 * application's deadline (which the emulator still stores, after the application gave up). Then rows and files are
 * compared. Prints throughput, latency percentiles, errors by status, heap and RSS, and the rows without a file and
 * files without a row; asserts only that consistency.
 */
@QuarkusTest
@TestProfile(LoadBenchmark.StandaloneEmulatorOnDisk.class)
class LoadBenchmark {

    static final int CLIENTS = Integer.getInteger("benchmark.clients", 32);
    static final Duration STEADY = Duration.ofSeconds(Long.getLong("benchmark.seconds", 20));
    static final Duration FAULTS = Duration.ofSeconds(Long.getLong("benchmark.faultSeconds", 10));
    static final Duration LATENCY = Duration.ofMillis(Long.getLong("benchmark.latencyMillis", 20));
    static final long SEED = Long.getLong("benchmark.seed", 16);
    static final Duration DEADLINE = Duration.ofSeconds(2);
    static final int IMAGES = 300;
    static final int MIN_BYTES = 22_000;
    static final int MAX_BYTES = 490_000;

    public static class StandaloneEmulatorOnDisk implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            // the emulator is the test resource's
            config.put("quarkus.cloudinary.devservices.enabled", "false");
            // enough of everything for the clients: worker threads, database connections, connections to Cloudinary
            config.put("quarkus.thread-pool.max-threads", Integer.toString(Math.max(64, CLIENTS * 2)));
            config.put("quarkus.datasource.jdbc.max-size", Integer.toString(Math.max(32, CLIENTS * 2)));
            config.put("quarkus.cloudinary.http.max-connections", Integer.toString(Math.max(32, CLIENTS * 2)));
            config.put("quarkus.cloudinary.http.deadline", DEADLINE.toSeconds() + "s");
            return config;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(EmulatorProcess.class));
        }
    }

    /** The standalone emulator in a process of its own, files on disk, the application given its printed URL only. */
    public static class EmulatorProcess implements QuarkusTestResourceLifecycleManager {
        private StandaloneEmulator emulator;
        private Path data;

        @Override
        public Map<String, String> start() {
            try {
                data = Files.createTempDirectory(Path.of("target"), "load-benchmark-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            emulator = StandaloneEmulator.start(List.of("-Xmx512m"), "--data-dir", data.toString());
            Map<String, String> config = new HashMap<>(emulator.applicationConfig());
            config.put("benchmark.emulator.base-url", emulator.baseUrl());
            config.put("benchmark.emulator.pid", Long.toString(emulator.pid()));
            return config;
        }

        @Override
        public void stop() {
            emulator.close();
            OwnEmulatorResource.delete(data);
        }
    }

    /** What one phase saw. */
    private record Phase(String name, int clients, int uploads, double seconds, List<Long> latenciesNanos,
            Map<Integer, Integer> statuses) {

        double perSecond() {
            return uploads / seconds;
        }

        long percentileMillis(double p) {
            if (latenciesNanos.isEmpty()) {
                return 0;
            }
            List<Long> sorted = new ArrayList<>(latenciesNanos);
            Collections.sort(sorted);
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1_000_000;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI items = URI.create(ConfigProvider.getConfig().getValue("test.url", String.class) + "/items");
    private final EmulatorControlClient control = new EmulatorControlClient(
            ConfigProvider.getConfig().getValue("benchmark.emulator.base-url", String.class));
    private final long emulatorPid = ConfigProvider.getConfig().getValue("benchmark.emulator.pid", Long.class);
    private final AtomicInteger sequence = new AtomicInteger();

    @Test
    void concurrentUploadsThenFaultsLeaveRowsAndFilesInStep() throws Exception {
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        List<byte[]> images = images();
        control.latency(LATENCY);
        run("warm-up", Math.min(8, CLIENTS), Duration.ofSeconds(5), images, null);
        control.resetRequestCounts();

        HeapSampler heap = HeapSampler.start(Duration.ofSeconds(2));
        Phase baseline = run("baseline, 1 client", 1, Duration.ofSeconds(Math.max(5, STEADY.toSeconds() / 4)), images,
                null);
        Phase steady = run("steady, " + CLIENTS + " clients", CLIENTS, STEADY, images, null);
        Phase faults = run("faults, " + CLIENTS + " clients", CLIENTS, FAULTS, images, this::injectFaults);
        heap.close();
        String counts = control.requestCounts();
        control.latency("upload:upload", LATENCY);

        // the late files the application gave up on are looked for again one deadline, and five, after each failure
        Thread.sleep(DEADLINE.multipliedBy(6).plusSeconds(2).toMillis());
        Set<String> rows = rows();
        Set<String> files = files();
        Set<String> rowsWithoutFile = new HashSet<>(rows);
        rowsWithoutFile.removeAll(files);
        Set<String> filesWithoutRow = new HashSet<>(files);
        filesWithoutRow.removeAll(rows);

        System.out.printf("%n=== Load: %d clients upload %d generated images of %,d to %,d bytes through POST /items,"
                + " emulator latency %d ms ===%n", CLIENTS, IMAGES, MIN_BYTES, MAX_BYTES, LATENCY.toMillis());
        System.out.printf("%-26s %9s %10s %8s %8s %8s  %s%n", "phase", "uploads", "uploads/s", "p50 ms", "p95 ms",
                "p99 ms", "answers by status");
        for (Phase phase : List.of(baseline, steady, faults)) {
            System.out.printf("%-26s %9d %10.1f %8d %8d %8d  %s%n", phase.name(), phase.uploads(), phase.perSecond(),
                    phase.percentileMillis(0.50), phase.percentileMillis(0.95), phase.percentileMillis(0.99),
                    phase.statuses());
        }
        System.out.printf("throughput ratio, %d clients vs 1: %.1fx (goal on this machine: at least 300 uploads/s at"
                + " 32 clients)%n", CLIENTS, steady.perSecond() / baseline.perSecond());
        System.out.printf("faults injected: 5xx answers, connections cut mid-answer, answers %d ms late against a %d s"
                + " deadline%n", DEADLINE.plusSeconds(1).toMillis(), DEADLINE.toSeconds());
        System.out.printf("emulator requests during the measured phases: %s%n", counts);
        System.out.printf("application JVM (with the load clients): live heap before %.0f MB, peak %.0f MB (%d samples);"
                + " RSS %s, peak %s%n", heap.idle() / 1e6, heap.peak() / 1e6, heap.samples(), rss("self", "VmRSS"),
                rss("self", "VmHWM"));
        System.out.printf("emulator process: RSS %s, peak %s%n", rss(Long.toString(emulatorPid), "VmRSS"),
                rss(Long.toString(emulatorPid), "VmHWM"));
        System.out.printf("rows: %d, image files: %d, rows without a file: %d, files without a row: %d%n", rows.size(),
                files.size(), rowsWithoutFile.size(), filesWithoutRow.size());
        System.out.printf("load average before: %s, after: %s (%d cores, shared)%n", loadBefore,
                Files.readString(Path.of("/proc/loadavg")).trim(), Runtime.getRuntime().availableProcessors());
        System.out.printf("reproduce: ./mvnw -B -ntp test -Pbenchmark -pl deployment,integration-tests -am"
                + " -Dtest=LoadBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark.clients=%d"
                + " -Dbenchmark.seconds=%d -Dbenchmark.faultSeconds=%d -Dbenchmark.latencyMillis=%d"
                + " -Dbenchmark.seed=%d%n%n", CLIENTS, STEADY.toSeconds(), FAULTS.toSeconds(), LATENCY.toMillis(), SEED);

        assertEquals(Set.of(), rowsWithoutFile, "rows without a file");
        assertEquals(Set.of(), filesWithoutRow, "files without a row");
    }

    /**
     * Clients that each post one image after the other until the time is up.
     *
     * @param faults run beside the clients, given the phase's length; {@code null} for none
     */
    private Phase run(String name, int clients, Duration length, List<byte[]> images, Runnable faults)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients + 1);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        LongAdder uploads = new LongAdder();
        long started = System.nanoTime();
        long end = started + length.toNanos();
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                Random random = new Random(SEED * 31 + c);
                tasks.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        byte[] image = images.get(random.nextInt(images.size()));
                        long sent = System.nanoTime();
                        int status = post(image);
                        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                        if (status == 303) {
                            latencies.add(System.nanoTime() - sent);
                            uploads.increment();
                        }
                    }
                    return null;
                }));
            }
            if (faults != null) {
                tasks.add(pool.submit(() -> {
                    faults.run();
                    return null;
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Map<Integer, Integer> byStatus = new TreeMap<>();
        statuses.forEach((status, count) -> byStatus.put(status, count.intValue()));
        return new Phase(name, clients, uploads.intValue(), (System.nanoTime() - started) / 1e9, latencies, byStatus);
    }

    /** A fixed schedule, second by second: 5xx, cut connections, answers later than the deadline, 5xx again. */
    private void injectFaults() {
        try {
            control.fault("upload:upload", 503, 40);
            Thread.sleep(1_000);
            control.disconnect("upload:upload", 40);
            Thread.sleep(1_000);
            control.latency("upload:upload", DEADLINE.plusSeconds(1));
            Thread.sleep(1_000);
            control.latency("upload:upload", LATENCY);
            Thread.sleep(1_000);
            control.fault("upload:upload", 500, 40);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int post(byte[] image) {
        // a name of its own, as users' files mostly have: a taken name costs another round trip
        int number = sequence.incrementAndGet();
        String boundary = "----benchmark" + number;
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nload " + number
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"load-" + number
                + ".png\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(items).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, image, tail))).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Noise PNGs, which hardly compress, sized evenly between the smallest and the largest, from the seed. */
    private static List<byte[]> images() throws IOException {
        Random random = new Random(SEED);
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < IMAGES; i++) {
            int bytes = MIN_BYTES + random.nextInt(MAX_BYTES - MIN_BYTES);
            int side = (int) Math.sqrt(bytes / 3.0);
            BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    image.setRGB(x, y, random.nextInt(0x1000000));
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            images.add(out.toByteArray());
        }
        return images;
    }

    /** The image every row references, from the database through the application. */
    private Set<String> rows() throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(items).header("Accept", "application/json")
                .build(), HttpResponse.BodyHandlers.ofString());
        Set<String> names = new HashSet<>();
        java.util.regex.Matcher image = java.util.regex.Pattern.compile("\"image\":\"([^\"]+)\"").matcher(answer.body());
        while (image.find()) {
            names.add(image.group(1));
        }
        return names;
    }

    /** Every image file the emulator holds under the items folder, listed with the SDK, not by the application. */
    private Set<String> files() throws Exception {
        Cloudinary sdk = new Cloudinary(ConfigProvider.getConfig().getValue("CLOUDINARY_URL", String.class));
        Set<String> names = new HashSet<>();
        String cursor = null;
        do {
            Map<String, Object> options = new HashMap<>();
            options.put("resource_type", "image");
            options.put("type", "upload");
            options.put("prefix", "media/items/images/");
            options.put("max_results", 500);
            if (cursor != null) {
                options.put("next_cursor", cursor);
            }
            ApiResponse page = sdk.api().resources(options);
            for (Object resource : (List<?>) page.get("resources")) {
                Map<?, ?> entry = (Map<?, ?>) resource;
                names.add(entry.get("public_id") + "." + entry.get("format"));
            }
            cursor = (String) page.get("next_cursor");
        } while (cursor != null);
        return names;
    }

    private static String rss(String process, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", process, "status"))) {
                if (line.startsWith(field + ":")) {
                    return String.format("%.0f MB", Long.parseLong(line.replaceAll("\\D", "")) / 1024.0);
                }
            }
            return "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }
}
