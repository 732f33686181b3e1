package io.quarkiverse.cloudinary.storage.emulator.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import io.quarkiverse.cloudinary.storage.emulator.EmulatorAccount;
import io.quarkiverse.cloudinary.storage.emulator.control.EmulatorControls;
import io.quarkiverse.cloudinary.storage.emulator.control.Fault;
import io.quarkiverse.cloudinary.storage.emulator.delivery.DeliveryHandler;
import io.quarkiverse.cloudinary.storage.emulator.json.Json;
import io.quarkiverse.cloudinary.storage.emulator.model.ApiError;
import io.quarkiverse.cloudinary.storage.emulator.store.StoreFullException;

/**
 * Sends each request where it belongs: {@code /_emulator/} to the controls, {@code /v1_1/<cloud>/<rt>/<action>} (and
 * {@code /v1_1/<cloud>/delete_by_token}) to the Upload API, the rest of {@code /v1_1/<cloud>/} to the Admin API,
 * {@code /<cloud>/} to delivery. Every emulated request is counted, delayed and possibly faulted here, before its
 * handler sees it. Upload API actions the emulator does not implement ({@code sprite}, {@code multi}, {@code text},
 * {@code explode}, {@code generate_archive}, ...) are answered 404 saying so.
 * <p>
 * Control requests are served on the thread that received them; emulated ones are handed to the API workers. So the
 * controls answer while every worker is busy or held by injected latency, and however many requests wait.
 */
public final class Router implements HttpHandler {

    static final Set<String> UPLOAD_ACTIONS = Set.of("upload", "destroy", "rename", "explicit", "tags", "context",
            "metadata", "download");
    private static final Set<String> UPLOAD_RESOURCE_TYPES = Set.of("image", "video", "raw", "auto");

    private final Map<String, EmulatorAccount> accounts;
    private final EmulatorControls controls;
    private final ControlHandler control;
    private final UploadApiHandler uploadApi;
    private final AdminApiHandler adminApi;
    private final DeliveryHandler delivery;
    private final Executor apiWorkers;

    /** @param apiWorkers the threads that serve the emulated APIs and delivery */
    public Router(Map<String, EmulatorAccount> accounts, EmulatorControls controls, ControlHandler control,
            UploadApiHandler uploadApi, AdminApiHandler adminApi, DeliveryHandler delivery, Executor apiWorkers) {
        this.accounts = accounts;
        this.controls = controls;
        this.control = control;
        this.uploadApi = uploadApi;
        this.adminApi = adminApi;
        this.delivery = delivery;
        this.apiWorkers = apiWorkers;
    }

    @FunctionalInterface
    private interface Work {
        void run() throws IOException;
    }

    @Override
    public void handle(HttpExchange exchange) {
        String path = exchange.getRequestURI().getRawPath();
        if (path.startsWith("/_emulator/")) {
            serve(exchange, () -> control.handle(exchange, path.substring("/_emulator/".length())));
            return;
        }
        try {
            apiWorkers.execute(() -> serve(exchange, () -> emulated(exchange, path)));
        } catch (RejectedExecutionException e) {
            serve(exchange, () -> {
                throw new ApiError(503, "The Cloudinary emulator is stopping");
            });
        }
    }

    private void emulated(HttpExchange exchange, String path) throws IOException {
        if (path.startsWith("/v1_1/")) {
            api(exchange, path.substring("/v1_1/".length()));
        } else {
            delivery(exchange, path.substring(1));
        }
    }

    /** Runs one request's work and answers its failure as Cloudinary would, then ends the exchange. */
    private static void serve(HttpExchange exchange, Work work) {
        try {
            work.run();
        } catch (ApiError e) {
            fail(exchange, e.status(), e.getMessage());
        } catch (StoreFullException e) {
            fail(exchange, 400, "The Cloudinary emulator's memory store is full: " + e.used() + " of " + e.limit()
                    + " bytes are in use. Reads, deletes and listings still work; delete files or reset the emulator"
                    + " to make room, or give it more (a higher memory limit, or a data directory)");
        } catch (IOException | RuntimeException e) {
            // a bug of the emulator or a failing disk: say so as Cloudinary would, and keep serving
            fail(exchange, 500, "Emulator error: " + e);
        } finally {
            exchange.close();
        }
    }

    /**
     * Reads what is left of the request, so that a client still sending a large body gets the answer rather than a
     * broken connection, then answers the error unless an answer has started already.
     */
    private static void fail(HttpExchange exchange, int status, String message) {
        try {
            drain(exchange);
        } catch (IOException e) {
            // read already, or the client is gone: the answer below is all that is left to try
        }
        try {
            Responses.error(exchange, status, message);
        } catch (IOException e) {
            // the client is gone, or the answer had started: nothing more can be said
        }
    }

    private void api(HttpExchange exchange, String rest) throws IOException {
        int slash = rest.indexOf('/');
        String cloud = slash < 0 ? rest : rest.substring(0, slash);
        String[] segments = slash < 0 ? new String[0] : rest.substring(slash + 1).split("/", -1);
        if (segments.length == 1 && segments[0].equals("delete_by_token")) {
            if (intercept(exchange, "upload:delete_by_token")) {
                return;
            }
            uploadApi.deleteByToken(exchange, account(cloud));
        } else if (segments.length >= 2 && UPLOAD_RESOURCE_TYPES.contains(segments[0])) {
            // no Admin API path starts with a resource type: this is the Upload API, implemented or not
            String action = String.join("/", java.util.Arrays.asList(segments).subList(1, segments.length));
            if (intercept(exchange, "upload:" + action)) {
                return;
            }
            EmulatorAccount account = account(cloud);
            if (segments.length == 2 && UPLOAD_ACTIONS.contains(action)) {
                uploadApi.handle(exchange, account, segments[0], action);
            } else {
                drain(exchange);
                throw new ApiError(404, "The Cloudinary emulator does not support the Upload API action " + action);
            }
        } else {
            AdminApiHandler.Request request = adminApi.parse(exchange, segments);
            if (intercept(exchange, request.endpoint())) {
                return;
            }
            adminApi.handle(exchange, account(cloud), request);
        }
    }

    private void delivery(HttpExchange exchange, String rest) throws IOException {
        String endpoint = exchange.getRequestMethod().equals("HEAD") ? "delivery:head" : "delivery:get";
        if (intercept(exchange, endpoint)) {
            return;
        }
        int slash = rest.indexOf('/');
        EmulatorAccount account = slash < 0 ? null : accounts.get(rest.substring(0, slash));
        if (account == null) {
            exchange.getResponseHeaders().set("X-Cld-Error", "Resource not found - " + rest);
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        delivery.handle(exchange, account, rest.substring(slash + 1));
    }

    private EmulatorAccount account(String cloud) {
        EmulatorAccount account = accounts.get(cloud);
        if (account == null) {
            throw ApiError.unauthorized("Invalid cloud_name " + cloud);
        }
        return account;
    }

    /**
     * Counts the request, waits the injected latency, and applies a queued fault.
     *
     * @return whether the fault answered the request already
     */
    private boolean intercept(HttpExchange exchange, String endpoint) throws IOException {
        controls.record(endpoint);
        Duration latency = controls.latencyOf(endpoint);
        if (!latency.isZero()) {
            try {
                Thread.sleep(latency.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Optional<Fault> fault = controls.takeFault(endpoint);
        if (fault.isEmpty()) {
            return false;
        }
        if (fault.get().disconnect()) {
            disconnectMidBody(exchange);
        } else {
            drain(exchange);
            Responses.error(exchange, fault.get().status(), "Injected fault: HTTP " + fault.get().status());
        }
        return true;
    }

    /**
     * Reads the whole request, then starts an answer and closes the connection halfway through its body. The SDK's
     * HTTP client retries on its own a request it could not finish sending, so cutting the request short would make
     * the fault vanish at random; a cut answer reaches the caller every time, as an I/O error.
     */
    private static void disconnectMidBody(HttpExchange exchange) throws IOException {
        drain(exchange);
        byte[] answer = Json.error("the connection will be closed before this answer ends").getBytes(
                java.nio.charset.StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, answer.length);
        OutputStream out = exchange.getResponseBody();
        out.write(answer, 0, answer.length / 2);
        out.flush();
        // too few bytes for the announced length: the JDK server gives up and drops the connection
        exchange.close();
    }

    private static void drain(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            body.transferTo(OutputStream.nullOutputStream());
        }
    }
}
