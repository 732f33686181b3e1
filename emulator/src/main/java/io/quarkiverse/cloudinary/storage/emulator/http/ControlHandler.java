package io.quarkiverse.cloudinary.storage.emulator.http;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.sun.net.httpserver.HttpExchange;

import io.quarkiverse.cloudinary.storage.emulator.control.EmulatorControls;
import io.quarkiverse.cloudinary.storage.emulator.control.Fault;
import io.quarkiverse.cloudinary.storage.emulator.model.ApiError;
import io.quarkiverse.cloudinary.storage.emulator.model.AssetService;
import io.quarkiverse.cloudinary.storage.emulator.model.ContextField;
import io.quarkiverse.cloudinary.storage.emulator.model.Params;
import io.quarkiverse.cloudinary.storage.emulator.store.BlobStore;

/**
 * {@code /_emulator/}: what tests use to steer and observe the emulator. Never counted, delayed or faulted, and served
 * on threads of their own, so that it answers while every API worker is busy or held by injected latency.
 */
public final class ControlHandler {

    private final EmulatorControls controls;
    private final Runnable resetState;
    private final AssetService assets;
    private final String defaultCloud;
    private final BlobStore blobs;

    /**
     * @param resetState forgets every asset and blob
     * @param defaultCloud the account whose assets {@code assets/...} commands change unless {@code cloud} says
     * @param blobs where the bytes are, which {@code health} describes
     */
    public ControlHandler(EmulatorControls controls, Runnable resetState, AssetService assets, String defaultCloud,
            BlobStore blobs) {
        this.controls = controls;
        this.resetState = resetState;
        this.assets = assets;
        this.defaultCloud = defaultCloud;
        this.blobs = blobs;
    }

    void handle(HttpExchange exchange, String command) throws IOException {
        Params query = FormDecoder.decode(exchange.getRequestURI().getRawQuery());
        String method = exchange.getRequestMethod();
        switch (method + " " + command) {
            case "GET health" -> {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("status", "UP");
                answer.put("store", blobs.description());
                Responses.json(exchange, 200, answer);
            }
            case "POST reset" -> {
                resetState.run();
                controls.reset();
                Responses.json(exchange, 200, Map.of("reset", true));
            }
            case "GET requests" -> {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("total", controls.total());
                answer.put("endpoints", controls.counts());
                Responses.json(exchange, 200, answer);
            }
            case "GET requests/count" -> Responses.text(exchange, 200, Long.toString(
                    query.get("endpoint").map(controls::count).orElseGet(controls::total)));
            case "POST requests/reset" -> {
                controls.resetCounts();
                Responses.json(exchange, 200, Map.of("reset", true));
            }
            case "POST latency" -> {
                controls.latency(query.get("endpoint"), Duration.ofMillis(query.integer("millis", 0)));
                Responses.json(exchange, 200, Map.of("latency_ms", query.integer("millis", 0)));
            }
            case "POST rate-limit" -> {
                int limit = query.integer("limit", 500);
                controls.rateLimit().set(limit, query.integer("remaining", limit), query.integer("resetSeconds", 0));
                Responses.json(exchange, 200, Map.of("limit", limit));
            }
            case "POST faults" -> {
                String endpoint = query.get("endpoint").orElse(EmulatorControls.ANY_ENDPOINT);
                int times = query.integer("times", 1);
                if (times < 0) {
                    throw ApiError.badRequest("times must not be negative, got " + times);
                }
                if (times == 0) {
                    // "fail the next 0 requests": whatever was queued for this endpoint no longer applies
                    controls.clearFaults(endpoint);
                    Responses.json(exchange, 200, Map.of("endpoint", endpoint, "times", 0, "cleared", true));
                    return;
                }
                Fault fault = query.flag("disconnect", false) ? Fault.dropConnection()
                        : Fault.withStatus(query.integer("status", 500));
                controls.fault(endpoint, fault, times);
                Responses.json(exchange, 200, Map.of("endpoint", endpoint, "times", times));
            }
            case "DELETE faults" -> {
                controls.clearFaults();
                Responses.json(exchange, 200, Map.of("cleared", true));
            }
            case "POST assets/backdate" -> {
                Duration by = Duration.ofSeconds(query.integer("seconds", 0));
                Optional<String> prefix = query.get("prefix");
                int moved = assets.backdate(query.get("cloud").orElse(defaultCloud),
                        a -> prefix.map(p -> a.publicId().startsWith(p)).orElse(true), by);
                Responses.json(exchange, 200, Map.of("backdated", moved));
            }
            case "POST assets/seed" -> {
                AssetService.Seed seed = new AssetService.Seed(query.get("resource_type").orElse("image"),
                        query.get("type").orElse("upload"), query.get("prefix").orElse("seed/"),
                        query.get("suffix").orElse(""), query.integer("count", 1), query.integer("bytes", 16),
                        query.commaList("tags"), Instant.now().minusSeconds(query.integer("age_seconds", 0)),
                        ContextField.parse(query.get("context").orElse("")));
                int created = assets.seed(query.get("cloud").orElse(defaultCloud), seed);
                Responses.json(exchange, 200, Map.of("seeded", created));
            }
            default -> throw new ApiError(404, "Unknown emulator control " + method + " /_emulator/" + command);
        }
    }
}
