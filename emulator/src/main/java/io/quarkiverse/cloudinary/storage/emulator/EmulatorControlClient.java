package io.quarkiverse.cloudinary.storage.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Steers a running emulator through its {@code /_emulator/} endpoints, for tests that know only its base URL (for
 * example {@code quarkus.cloudinary.api-base-url} set by the Dev Service).
 */
public final class EmulatorControlClient {

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public EmulatorControlClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** Forgets every asset, counter, fault, latency and rate limit. */
    public void reset() {
        post("reset");
    }

    public boolean healthy() {
        return health().contains("UP");
    }

    /** {@code GET /_emulator/health}: the status and where the files are, with the bytes in use of a memory store. */
    public String health() {
        return send("GET", "health");
    }

    /** Requests received by one endpoint (for example {@code upload:upload}) since the last reset. */
    public long requestCount(String endpoint) {
        return Long.parseLong(send("GET", "requests/count?endpoint=" + encode(endpoint)).trim());
    }

    /** Requests received by all emulated endpoints since the last reset. */
    public long totalRequests() {
        return Long.parseLong(send("GET", "requests/count").trim());
    }

    /** Every endpoint's count, as JSON. */
    public String requestCounts() {
        return send("GET", "requests");
    }

    public void resetRequestCounts() {
        post("requests/reset");
    }

    /** Delays every request. */
    public void latency(Duration delay) {
        post("latency?millis=" + delay.toMillis());
    }

    /** Delays the requests of one endpoint. */
    public void latency(String endpoint, Duration delay) {
        post("latency?millis=" + delay.toMillis() + "&endpoint=" + encode(endpoint));
    }

    /** Sets the Admin API budget; once spent, it answers 420 until the end of the hour. */
    public void rateLimit(long limit, long remaining) {
        post("rate-limit?limit=" + limit + "&remaining=" + remaining);
    }

    /** Sets the Admin API budget, resetting after {@code resetIn}. */
    public void rateLimit(long limit, long remaining, Duration resetIn) {
        post("rate-limit?limit=" + limit + "&remaining=" + remaining + "&resetSeconds=" + resetIn.toSeconds());
    }

    /** The next {@code times} requests of the endpoint ({@code *} for any) fail with this status. */
    public void fault(String endpoint, int status, int times) {
        post("faults?endpoint=" + encode(endpoint) + "&status=" + status + "&times=" + times);
    }

    /** The next {@code times} requests of the endpoint get an answer cut off halfway, which clients see as an I/O error. */
    public void disconnect(String endpoint, int times) {
        post("faults?endpoint=" + encode(endpoint) + "&disconnect=true&times=" + times);
    }

    /** Forgets every queued fault. */
    public void clearFaults() {
        send("DELETE", "faults");
    }

    /** Forgets the faults still queued for one endpoint ({@code *} for those queued for any endpoint). */
    public void clearFaults(String endpoint) {
        post("faults?endpoint=" + encode(endpoint) + "&times=0");
    }

    /**
     * Moves the creation time of assets whose public id starts with {@code prefix} ({@code ""} for all) into the past,
     * as if they had been uploaded {@code by} earlier.
     *
     * @return how many assets moved
     */
    public int backdate(String prefix, Duration by) {
        String answer = send("POST", "assets/backdate?seconds=" + by.toSeconds() + "&prefix=" + encode(prefix));
        return Integer.parseInt(answer.replaceAll("\\D", ""));
    }

    /**
     * Creates {@code count} assets named {@code prefix + zero-padded index + suffix} in one call, without uploads. For
     * images and videos the suffix's extension becomes the format and stays out of the public id, as with uploads.
     *
     * @param age how long ago they were created
     */
    public void seed(String resourceType, String prefix, String suffix, int count, int bytes, String tag, Duration age) {
        seed(resourceType, prefix, suffix, count, bytes, tag, age, Map.of());
    }

    /**
     * The same, each asset carrying this structured context (as an upload's {@code context} would set it), for example
     * an owner mark.
     */
    public void seed(String resourceType, String prefix, String suffix, int count, int bytes, String tag, Duration age,
            Map<String, String> context) {
        StringBuilder field = new StringBuilder();
        context.forEach((key, value) -> field.append(field.length() == 0 ? "" : "|").append(escape(key)).append('=')
                .append(escape(value)));
        send("POST", "assets/seed?resource_type=" + encode(resourceType) + "&prefix=" + encode(prefix) + "&suffix="
                + encode(suffix) + "&count=" + count + "&bytes=" + bytes + "&tags=" + encode(tag) + "&age_seconds="
                + age.toSeconds() + (field.length() == 0 ? "" : "&context=" + encode(field.toString())));
    }

    private static String escape(String contextPart) {
        return contextPart.replace("=", "\\=").replace("|", "\\|");
    }

    private void post(String command) {
        send("POST", command);
    }

    private String send(String method, String command) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/_emulator/" + command))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Emulator control " + method + " " + command + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("Emulator at " + baseUrl + " unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
