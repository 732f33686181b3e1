package io.quarkiverse.cloudinary.storage.emulator;

import static io.quarkiverse.cloudinary.storage.emulator.UploadApiConformanceTest.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.cloudinary.Cloudinary;

/**
 * The API has a configured number of workers, and the control endpoints threads of their own: with every worker held
 * by injected latency and more requests waiting behind them, the controls still answer, and steer what follows.
 */
class ControlThreadsTest {

    private static final int WORKERS = 2;
    private static final int CALLS = 12;
    private static final Duration HELD = Duration.ofSeconds(4);

    @Test
    void controlsAnswerWhileEveryWorkerIsHeldAndMoreRequestsWait() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(CALLS);
        try (EmulatorFixture fixture = new EmulatorFixture(CloudinaryEmulator.builder().workers(WORKERS))) {
            fixture.control.latency(HELD);
            List<Future<Map<?, ?>>> calls = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                String id = "held-" + i + ".bin";
                // a client of its own each, as many applications would be: the SDK's pool does not queue them
                Cloudinary client = fixture.client(fixture.emulator.account().apiSecret(), Map.of());
                calls.add(callers.submit(() -> client.uploader().upload(id.getBytes(), options("resource_type",
                        "raw", "public_id", id))));
            }
            // requests are counted when a worker takes them: exactly the workers' number are taken
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (fixture.control.requestCount("upload:upload") < WORKERS && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(WORKERS, fixture.control.requestCount("upload:upload"),
                    "the other requests wait for a worker");

            assertTrue(fixture.control.healthy());
            assertTrue(fixture.control.requestCounts().contains("\"upload:upload\":" + WORKERS),
                    fixture.control.requestCounts());
            fixture.control.latency(Duration.ZERO);
            assertTrue(calls.stream().noneMatch(Future::isDone),
                    "the controls answered while every worker was held and " + (CALLS - WORKERS) + " calls waited");

            for (Future<Map<?, ?>> call : calls) {
                assertFalse(((String) call.get(30, TimeUnit.SECONDS).get("public_id")).isEmpty());
            }
            assertEquals(CALLS, fixture.control.requestCount("upload:upload"));
            assertEquals(CALLS, ((List<?>) fixture.api.resources(options("resource_type", "raw", "max_results", 50))
                    .get("resources")).size());
        } finally {
            callers.shutdownNow();
        }
    }
}
