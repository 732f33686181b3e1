package io.quarkiverse.cloudinary.storage.it.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.cloudinary.Cloudinary;
import com.cloudinary.Uploader;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.config.CloudinaryBuildTimeConfig;
import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;
import io.quarkiverse.cloudinary.storage.emulator.CloudinaryEmulator;
import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkiverse.cloudinary.storage.it.OwnEmulatorResource;
import io.quarkiverse.cloudinary.storage.media.MediaDownloads;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;
import io.quarkiverse.cloudinary.storage.statics.StaticAsset;
import io.quarkiverse.cloudinary.storage.statics.StaticManifest;
import io.quarkiverse.cloudinary.storage.statics.StaticResources;
import io.quarkiverse.cloudinary.storage.statics.StaticUploadReport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * 2,000 generated static files of 1 KB to 200 KB against an emulator answering every request 20 ms late: the static
 * upload cold (nothing there) and warm (everything there), beside a baseline that does what the package this extension
 * replaces did: for each file one existence check (a HEAD on its delivery URL), then an upload, one file at a time.
 * The files are recorded into a manifest the way the build records one, and uploaded by the extension's own
 * {@link StaticResources}. Prints, asserts only request counts.
 */
@QuarkusTest
@TestProfile(StaticUploadBenchmark.SlowEmulator.class)
class StaticUploadBenchmark {

    static final int FILES = Integer.getInteger("benchmark.staticFiles", 2_000);
    static final Duration LATENCY = Duration.ofMillis(Long.getLong("benchmark.latencyMillis", 20));

    public static class SlowEmulator implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.cloudinary.static.upload", "manual");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SlowEmulatorResource.class));
        }
    }

    /** An emulator that keeps bytes on disk and answers every request late. */
    public static class SlowEmulatorResource extends OwnEmulatorResource {
        @Override
        protected CloudinaryEmulator.Builder configure(CloudinaryEmulator.Builder builder) {
            return builder.dataDirectory(dataDirectory("static-benchmark-emulator-"));
        }

        @Override
        protected void started(CloudinaryEmulator emulator) {
            emulator.controls().latency(Optional.empty(), LATENCY);
        }
    }

    @Inject
    CloudinaryOperations operations;

    @Inject
    MediaDownloads downloads;

    @Inject
    CloudinaryRuntimeConfig config;

    @Inject
    CloudinaryBuildTimeConfig buildConfig;

    @Inject
    StorageOwner owner;

    @Inject
    Cloudinary cloudinary;

    @Test
    void coldAndWarmUploadAgainstTheOriginalsWay() throws Exception {
        EmulatorControlClient control = new EmulatorControlClient(
                ConfigProvider.getConfig().getValue("quarkus.cloudinary.api-base-url", String.class));
        Path root = Files.createTempDirectory(Path.of("target"), "static-benchmark-files-");
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader files = new URLClassLoader(new URL[] { root.toUri().toURL() }, previous)) {
            List<StaticAsset> assets = generate(root);
            long totalBytes = assets.stream().mapToLong(StaticAsset::bytes).sum();
            StaticManifest manifest = new StaticManifest("benchmark0000000000", "bench/cloudinary-manifests/", assets);
            // the upload reads files through the class loader current when its bean is made, as the application's are
            thread.setContextClassLoader(files);
            StaticResources statics;
            try {
                statics = new StaticResources(manifest, operations, downloads, config, buildConfig, owner);
            } finally {
                thread.setContextClassLoader(previous);
            }

            control.resetRequestCounts();
            long started = System.nanoTime();
            StaticUploadReport cold = statics.upload();
            double coldSeconds = (System.nanoTime() - started) / 1e9;
            long coldRequests = control.totalRequests();
            long coldListings = control.requestCount("admin:resources:by-tag");
            long coldUploads = control.requestCount("upload:upload");
            assertEquals(0, cold.failed(), () -> String.join("\n", cold.failures()));
            assertEquals(FILES + 1, cold.uploaded());

            control.resetRequestCounts();
            started = System.nanoTime();
            StaticUploadReport warm = statics.upload();
            double warmSeconds = (System.nanoTime() - started) / 1e9;
            long warmListings = control.requestCount("admin:resources:by-tag");
            long warmUploads = control.requestCount("upload:upload");
            long expectedListings = (FILES + 1 + 499) / 500;
            assertEquals(expectedListings, warmListings, "ceil(files / 500) listings");
            assertEquals(0, warmUploads);

            control.resetRequestCounts();
            started = System.nanoTime();
            baseline(root, assets);
            double baselineSeconds = (System.nanoTime() - started) / 1e9;
            long baselineRequests = control.totalRequests();

            System.out.printf("%n=== Static upload: %,d files, %,d bytes, %d ms latency per request, concurrency %d ===%n",
                    FILES, totalBytes, LATENCY.toMillis(), config.staticResources().concurrency());
            System.out.printf("cold: %.2f s, %d requests (%d listings, %d uploads), %d uploaded, %d failed%n",
                    coldSeconds, coldRequests, coldListings, coldUploads, cold.uploaded(), cold.failed());
            System.out.printf("warm: %.2f s, %d listing requests (ceil(%d/500) = %d), %d upload requests, %d skipped%n",
                    warmSeconds, warmListings, FILES + 1, expectedListings, warmUploads, warm.skipped());
            System.out.printf("baseline (exists check + sequential upload per file): %.2f s, %d requests%n",
                    baselineSeconds, baselineRequests);
            System.out.printf("cold vs baseline: %.1fx faster (goal: at least 6x); warm vs baseline: %.1fx faster%n%n",
                    baselineSeconds / coldSeconds, baselineSeconds / warmSeconds);
        } finally {
            OwnEmulatorResource.delete(root);
        }
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

    private static List<StaticAsset> generate(Path root) throws Exception {
        Random random = new Random(2_000);
        List<StaticAsset> assets = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            byte[] content = new byte[1_024 + random.nextInt(200 * 1_024 - 1_024 + 1)];
            random.nextBytes(content);
            String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
            String original = String.format("gen/%02d/file-%04d.js", i % 20, i);
            String hashed = original.replace(".js", "." + md5.substring(0, 12) + ".js");
            Path file = root.resolve(original);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            assets.add(new StaticAsset(original, hashed, CloudinaryResourceType.RAW, "bench/" + hashed,
                    "bench/" + original, "", content.length, md5, original));
        }
        return assets;
    }
}
