package io.quarkiverse.cloudinary.storage.it.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A page of 50 {@code {cloudinary:static(...)}} and 50 {@code {cloudinary:url(...)}} rendered by the demo application
 * ({@code GET /pages/assets}) against the same page whose 100 URLs the SDK builds at every render
 * ({@code GET /pages/assets-sdk}), both fetched over HTTP as a browser would, by a few client threads in turns. Both
 * pages must carry the same URLs. Prints pages per second and latency percentiles, asserts no timing.
 */
@QuarkusTest
@TestProfile(AssetsPageBenchmark.AsInProduction.class)
class AssetsPageBenchmark {

    /**
     * In test mode Qute keeps every rendered page for tests to look at: tens of thousands of pages would fill the heap,
     * and production does no such thing.
     */
    public static class AsInProduction implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.qute.test-mode.record-rendered-results", "false");
        }
    }

    private static final int THREADS = Integer.getInteger("benchmark.threads", 4);
    private static final int WARM_UP = Integer.getInteger("benchmark.warmupPages", 3_000);
    private static final int PAGES = Integer.getInteger("benchmark.pages", 10_000);
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);
    private static final Pattern SRC = Pattern.compile("src=\"([^\"]+)\"");

    // as browsers speak to a plain-HTTP server
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void templatePageAgainstSdkUrlsPerRender() throws Exception {
        String base = ConfigProvider.getConfig().getValue("test.url", String.class);
        URI page = URI.create(base + "/pages/assets");
        URI sdkPage = URI.create(base + "/pages/assets-sdk");
        List<String> urls = urls(get(page));
        assertEquals(100, urls.size());
        assertEquals(urls, urls(get(sdkPage)), "both pages link the same URLs");

        run(page, WARM_UP);
        run(sdkPage, WARM_UP);
        System.out.printf("%n=== Page with 50 static and 50 media URLs over HTTP (%d client threads, %d pages per round,"
                + " %d cores) ===%n", THREADS, PAGES, Runtime.getRuntime().availableProcessors());
        double[] ratios = new double[ROUNDS];
        for (int round = 1; round <= ROUNDS; round++) {
            Result templates = run(page, PAGES);
            Result sdk = run(sdkPage, PAGES);
            ratios[round - 1] = templates.perSecond() / sdk.perSecond();
            System.out.printf("round %d: templates %s; SDK per render %s; templates %.2fx the pages per second%n", round,
                    templates, sdk, ratios[round - 1]);
        }
        Arrays.sort(ratios);
        System.out.printf("templates vs SDK per render: minimum %.2fx, median %.2fx%n", ratios[0], ratios[ROUNDS / 2]);
        System.out.printf("reproduce: ./mvnw -B -ntp install -DskipTests && ./mvnw -B -ntp test -Pbenchmark"
                + " -pl integration-tests -Dtest=AssetsPageBenchmark%n%n");
    }

    private record Result(double perSecond, double p50, double p99) {
        @Override
        public String toString() {
            return String.format("%.0f pages/s, p50 %.2f ms, p99 %.2f ms", perSecond, p50, p99);
        }
    }

    private Result run(URI uri, int pages) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        long[] latencies = new long[pages];
        long started = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int first = t;
                workers.add(threads.submit(() -> {
                    for (int i = first; i < pages; i += THREADS) {
                        long start = System.nanoTime();
                        get(uri);
                        latencies[i] = System.nanoTime() - start;
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            threads.shutdown();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Arrays.sort(latencies);
        return new Result(pages / seconds, latencies[pages / 2] / 1e6, latencies[pages * 99 / 100] / 1e6);
    }

    private String get(URI uri) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static List<String> urls(String html) {
        List<String> urls = new ArrayList<>();
        Matcher src = SRC.matcher(html);
        while (src.find()) {
            urls.add(src.group(1));
        }
        return urls;
    }
}
