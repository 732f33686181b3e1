package io.quarkiverse.cloudinary.storage.it.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.Deflater;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.cloudinary.Cloudinary;
import com.cloudinary.Uploader;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;
import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkiverse.cloudinary.storage.it.ClassLoaderStatics;
import io.quarkiverse.cloudinary.storage.it.OwnEmulatorResource;
import io.quarkiverse.cloudinary.storage.statics.StaticAsset;
import io.quarkiverse.cloudinary.storage.statics.StaticResources;
import io.quarkiverse.cloudinary.storage.statics.StaticUploadReport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The static upload against the standalone emulator in a JVM of its own, answering every API request 20 ms late, so
 * that this JVM's heap and time are the extension's alone. The files are recorded into a manifest the way the build
 * records one and uploaded by the extension's own {@link StaticResources}, read through a class loader as the
 * application's are: from a directory (dev mode, tests) and from a jar (a packaged application).
 * <ul>
 * <li>Memory: 2,000 files, 10 of them of 90 MB, the rest 1 KB to 200 KB: the live heap's growth over idle during the
 * cold upload (goal: at most 64 MB).</li>
 * <li>Speed: 2,000 files of 1 KB to 200 KB, three times cold (nothing there) against a baseline that does what the
 * package this extension replaces did (for each file one existence check, a HEAD on its delivery URL, then an upload,
 * one file at a time), the ratio's minimum and median; then warm (everything there).</li>
 * </ul>
 * Prints, asserts only request and file counts.
 */
@QuarkusTest
@TestProfile(StaticUploadBenchmark.EmulatorInItsOwnJvm.class)
class StaticUploadBenchmark {

    static final int FILES = Integer.getInteger("benchmark.staticFiles", 2_000);
    static final int LARGE_FILES = Integer.getInteger("benchmark.largeFiles", 10);
    static final int LARGE_MEGABYTES = Integer.getInteger("benchmark.largeMegabytes", 90);
    static final int RUNS = Integer.getInteger("benchmark.runs", 3);
    static final Duration LATENCY = Duration.ofMillis(Long.getLong("benchmark.latencyMillis", 20));
    static final String COMMAND = "./mvnw -B -ntp install -DskipTests && ./mvnw -B -ntp test -Pbenchmark"
            + " -pl integration-tests";

    public static class EmulatorInItsOwnJvm implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.cloudinary.static.upload", "manual");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(EmulatorProcess.Resource.class));
        }
    }

    @Inject
    CloudinaryRuntimeConfig config;

    @Inject
    Cloudinary cloudinary;

    @Test
    void heapWhileUploadingLargeFiles() throws Exception {
        EmulatorControlClient control = control();
        Path root = Files.createTempDirectory(Path.of("target"), "static-benchmark-large-");
        try {
            List<StaticAsset> assets = generate(root.resolve("files"), FILES - LARGE_FILES, LARGE_FILES);
            Path jar = jar(root.resolve("files"), root.resolve("statics.jar"), assets);
            long totalBytes = assets.stream().mapToLong(StaticAsset::bytes).sum();
            System.out.printf("%n=== Static upload heap: %,d files (%d of %d MB), %,d bytes, %d ms latency, concurrency %d,"
                    + " emulator in its own JVM ===%n", assets.size(), LARGE_FILES, LARGE_MEGABYTES, totalBytes,
                    LATENCY.toMillis(), config.staticResources().concurrency());
            for (Path source : List.of(root.resolve("files"), jar)) {
                control.reset();
                control.latency(LATENCY);
                String from = Files.isDirectory(source) ? "directory (dev mode, tests)" : "jar (packaged application)";
                try (URLClassLoader files = new URLClassLoader(new URL[] { source.toUri().toURL() },
                        Thread.currentThread().getContextClassLoader())) {
                    StaticResources statics = ClassLoaderStatics.over(files, "bench/cloudinary-manifests/", assets);
                    long started = System.nanoTime();
                    StaticUploadReport cold;
                    HeapSampler heap = HeapSampler.start();
                    try (heap) {
                        cold = statics.upload();
                    }
                    double seconds = (System.nanoTime() - started) / 1e9;
                    assertEquals(0, cold.failed(), () -> String.join("\n", cold.failures()));
                    assertEquals(assets.size() + 1, cold.uploaded());
                    System.out.printf("from a %s: %.2f s, %d requests; live heap idle %.1f MB, peak %.1f MB, growth %.1f MB"
                            + " (goal: at most 64 MB: %s), %d samples%n", from, seconds, cold.requests(),
                            mb(heap.idle()), mb(heap.peak()), mb(heap.growth()),
                            heap.growth() <= 64L * 1024 * 1024 ? "met" : "NOT met", heap.samples());
                }
            }
            System.out.printf("reproduce: %s -Dtest='StaticUploadBenchmark#heapWhileUploadingLargeFiles'%n%n", COMMAND);
        } finally {
            OwnEmulatorResource.delete(root);
        }
    }

    @Test
    void coldUploadAgainstTheOriginalsWayThreeTimes() throws Exception {
        EmulatorControlClient control = control();
        Path root = Files.createTempDirectory(Path.of("target"), "static-benchmark-files-");
        try (URLClassLoader files = new URLClassLoader(new URL[] { root.toUri().toURL() },
                Thread.currentThread().getContextClassLoader())) {
            List<StaticAsset> assets = generate(root, FILES, 0);
            long totalBytes = assets.stream().mapToLong(StaticAsset::bytes).sum();
            StaticResources statics = ClassLoaderStatics.over(files, "bench/cloudinary-manifests/", assets);
            System.out.printf("%n=== Static upload speed: %,d files, %,d bytes, %d ms latency per request, concurrency %d,"
                    + " emulator in its own JVM, %d runs ===%n", FILES, totalBytes, LATENCY.toMillis(),
                    config.staticResources().concurrency(), RUNS);
            double[] ratios = new double[RUNS];
            for (int run = 1; run <= RUNS; run++) {
                control.reset();
                control.latency(LATENCY);
                long started = System.nanoTime();
                StaticUploadReport cold = statics.upload();
                double coldSeconds = (System.nanoTime() - started) / 1e9;
                long coldRequests = control.totalRequests();
                assertEquals(0, cold.failed(), () -> String.join("\n", cold.failures()));
                assertEquals(FILES + 1, cold.uploaded());

                control.resetRequestCounts();
                started = System.nanoTime();
                baseline(root, assets);
                double baselineSeconds = (System.nanoTime() - started) / 1e9;
                long baselineRequests = control.totalRequests();
                ratios[run - 1] = baselineSeconds / coldSeconds;
                System.out.printf("run %d: cold %.2f s, %d requests; baseline (exists check + sequential upload per file)"
                        + " %.2f s, %d requests; cold %.1fx faster%n", run, coldSeconds, coldRequests, baselineSeconds,
                        baselineRequests, ratios[run - 1]);
            }
            control.resetRequestCounts();
            long started = System.nanoTime();
            StaticUploadReport warm = statics.upload();
            double warmSeconds = (System.nanoTime() - started) / 1e9;
            long warmListings = control.requestCount("admin:resources:by-tag");
            long warmUploads = control.requestCount("upload:upload");
            long expectedListings = (FILES + 1 + 499) / 500;
            assertEquals(expectedListings, warmListings, "ceil(files / 500) listings");
            assertEquals(0, warmUploads);
            Arrays.sort(ratios);
            System.out.printf("cold vs baseline over %d runs: minimum %.1fx, median %.1fx (goal: at least 6x)%n", RUNS,
                    ratios[0], ratios[RUNS / 2]);
            System.out.printf("warm: %.2f s, %d listing requests (ceil(%d/500) = %d), %d upload requests, %d skipped%n",
                    warmSeconds, warmListings, FILES + 1, expectedListings, warmUploads, warm.skipped());
            System.out.printf("reproduce: %s -Dtest='StaticUploadBenchmark#coldUploadAgainstTheOriginalsWayThreeTimes'%n%n",
                    COMMAND);
        } finally {
            OwnEmulatorResource.delete(root);
        }
    }

    private static EmulatorControlClient control() {
        return new EmulatorControlClient(
                ConfigProvider.getConfig().getValue("quarkus.cloudinary.api-base-url", String.class));
    }

    /** For each file: HEAD on its delivery URL (404), then an upload; one file after the other. */
    private void baseline(Path root, List<StaticAsset> assets) throws Exception {
        Uploader uploader = cloudinary.uploader();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (StaticAsset asset : assets) {
            String publicId = "baseline/" + asset.hashedName();
            String url = cloudinary.url().resourceType("raw").generate(publicId);
            int status = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                    .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 200) {
                continue;
            }
            Map<String, Object> options = new HashMap<>();
            options.put("resource_type", "raw");
            options.put("public_id", publicId);
            options.put("tags", List.of("baseline"));
            Map<?, ?> result = uploader.upload(root.resolve(asset.classpathResource()).toFile(), options);
            if (result.get("public_id") == null) {
                throw new IllegalStateException("baseline upload failed: " + result);
            }
        }
    }

    /**
     * Small raw files of 1 KB to 200 KB and large videos (Cloudinary takes raw files up to 10 MB on its free plan, videos
     * up to 100 MB), written and hashed a megabyte at a time.
     */
    private static List<StaticAsset> generate(Path root, int small, int large) throws Exception {
        Random random = new Random(2_000);
        List<StaticAsset> assets = new ArrayList<>();
        byte[] block = new byte[1024 * 1024];
        for (int i = 0; i < small + large; i++) {
            boolean video = i >= small;
            long size = video ? LARGE_MEGABYTES * 1024L * 1024 : 1_024 + random.nextInt(200 * 1_024 - 1_024 + 1);
            String original = video ? String.format("gen/large/video-%02d.mp4", i - small)
                    : String.format("gen/%02d/file-%04d.js", i % 20, i);
            Path file = root.resolve(original);
            Files.createDirectories(file.getParent());
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), md5)) {
                for (long left = size; left > 0; left -= block.length) {
                    random.nextBytes(block);
                    if (video && left == size) {
                        // an MP4 header, as the video storage and Cloudinary look for
                        ByteBuffer.wrap(block).putInt(24).put("ftypisom".getBytes(StandardCharsets.US_ASCII)).putInt(512)
                                .put("isommp41".getBytes(StandardCharsets.US_ASCII)).putInt((int) size - 24)
                                .put("mdat".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write(block, 0, (int) Math.min(block.length, left));
                }
            }
            String hex = HexFormat.of().formatHex(md5.digest());
            int dot = original.lastIndexOf('.');
            String hashed = original.substring(0, dot) + "." + hex.substring(0, 12) + original.substring(dot);
            if (video) {
                assets.add(new StaticAsset(original, hashed, CloudinaryResourceType.VIDEO,
                        "bench/" + hashed.substring(0, hashed.length() - 4), "bench/" + original.substring(0, dot), "mp4",
                        size, hex, original));
            } else {
                assets.add(new StaticAsset(original, hashed, CloudinaryResourceType.RAW, "bench/" + hashed,
                        "bench/" + original, "", size, hex, original));
            }
        }
        return assets;
    }

    /** The same files in a jar, as a packaged application holds its resources (not compressed: they are random). */
    private static Path jar(Path directory, Path jar, List<StaticAsset> assets) throws Exception {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.setLevel(Deflater.NO_COMPRESSION);
            for (StaticAsset asset : assets) {
                out.putNextEntry(new JarEntry(asset.classpathResource()));
                try (InputStream in = Files.newInputStream(directory.resolve(asset.classpathResource()))) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }

    private static double mb(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }
}
