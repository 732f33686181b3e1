package io.quarkiverse.cloudinary.storage.it.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.junit.jupiter.api.Test;

import com.cloudinary.Cloudinary;
import com.cloudinary.Uploader;

import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;

/**
 * How many small signed uploads per second the standalone emulator takes from the official SDK, the emulator in a JVM
 * of its own (as {@code java -jar} starts it) and the client in this one: the benchmarks that inject latency into the
 * emulator measure the extension, and this one shows the emulator itself is not what they measure. Prints, asserts no
 * timing.
 */
class EmulatorThroughputBenchmark {

    private static final int CLIENT_THREADS = Integer.getInteger("benchmark.threads", 8);
    private static final long WARM_UP_MILLIS = Long.getLong("benchmark.warmupMillis", 3_000);
    private static final long MEASURE_MILLIS = Long.getLong("benchmark.measureMillis", 10_000);
    private static final int PAYLOAD_BYTES = 1_024;

    @Test
    void smallUploadsPerSecond() throws Exception {
        try (EmulatorProcess emulator = EmulatorProcess.start(System.getProperty("benchmark.emulatorHeap", "1g"))) {
            PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
            pool.setMaxTotal(CLIENT_THREADS * 2);
            pool.setDefaultMaxPerRoute(CLIENT_THREADS * 2);
            Map<String, Object> config = new HashMap<>();
            config.put("cloud_name", emulator.account().cloudName());
            config.put("api_key", emulator.account().apiKey());
            config.put("api_secret", emulator.account().apiSecret());
            config.put("upload_prefix", emulator.baseUrl());
            config.put("properties", new HashMap<>(Map.of("connectionManager", pool)));
            Uploader uploader = new Cloudinary(config).uploader();
            EmulatorControlClient control = new EmulatorControlClient(emulator.baseUrl());

            run(uploader, WARM_UP_MILLIS);
            control.resetRequestCounts();
            long started = System.nanoTime();
            long uploads = run(uploader, MEASURE_MILLIS);
            double seconds = (System.nanoTime() - started) / 1e9;

            long counted = control.requestCount("upload:upload");
            System.out.printf("%n=== Emulator throughput (emulator process %d, keeping bytes on disk; %d client threads in"
                    + " the test JVM, %d-byte raw uploads, %d cores) ===%n", emulator.pid(), CLIENT_THREADS,
                    PAYLOAD_BYTES, Runtime.getRuntime().availableProcessors());
            System.out.printf("uploads: %d in %.2f s%n", uploads, seconds);
            System.out.printf("requests counted by the emulator: %d%n", counted);
            System.out.printf("uploads per second: %.0f%n", uploads / seconds);
            System.out.printf("ratio to the 2,000/s goal: %.2f%n", uploads / seconds / 2_000);
            System.out.printf("reproduce: ./mvnw -B -ntp install -DskipTests && ./mvnw -B -ntp test -Pbenchmark"
                    + " -pl integration-tests -Dtest=EmulatorThroughputBenchmark%n%n");
            assertEquals(uploads, counted, "every upload reached the emulator once");
            pool.shutdown();
        }
    }

    private static long run(Uploader uploader, long millis) throws Exception {
        AtomicLong done = new AtomicLong();
        long deadline = System.nanoTime() + millis * 1_000_000;
        ExecutorService threads = Executors.newFixedThreadPool(CLIENT_THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < CLIENT_THREADS; t++) {
            int thread = t;
            workers.add(threads.submit(() -> {
                byte[] payload = new byte[PAYLOAD_BYTES];
                ThreadLocalRandom.current().nextBytes(payload);
                for (long i = 0; System.nanoTime() < deadline; i++) {
                    Map<String, Object> options = new HashMap<>();
                    options.put("resource_type", "raw");
                    options.put("public_id", "bench/" + thread + "/" + i + ".bin");
                    Map<?, ?> result = uploader.upload(payload, options);
                    if (result.get("public_id") == null) {
                        throw new IllegalStateException("upload failed: " + result);
                    }
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        threads.shutdown();
        return done.get();
    }
}
