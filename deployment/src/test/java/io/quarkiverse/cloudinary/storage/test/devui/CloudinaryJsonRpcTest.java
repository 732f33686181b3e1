package io.quarkiverse.cloudinary.storage.test.devui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.shrinkwrap.api.asset.StringAsset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkus.devui.tests.DevUIJsonRPCTest;

/**
 * Calls the card's JSON-RPC methods. The application under test gets a free port of its own rather than 8080, so that
 * it never clashes with another application on the machine; the Dev UI client is told that port up front.
 */
abstract class CloudinaryJsonRpcTest extends DevUIJsonRPCTest {

    static final int PORT = freePort();
    static final String NAMESPACE = "quarkus-cloudinary-storage";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger IDS = new AtomicInteger(1_000_000);

    CloudinaryJsonRpcTest() {
        super(NAMESPACE, "http://localhost:" + PORT);
    }

    /** {@code application.properties} of the application under test: the given lines, on {@link #PORT}. */
    static StringAsset applicationProperties(String lines) {
        return new StringAsset("quarkus.http.port=" + PORT + "\n" + lines);
    }

    /** The emulator the application talks to, as the Overview page names it. */
    EmulatorControlClient emulator() throws Exception {
        return new EmulatorControlClient(executeJsonRPCMethod("getOverview").get("apiBaseUrl").asText());
    }

    /**
     * One call as automation makes it, over {@code ws://HOST/q/dev-ui/json-rpc-ws} with the method named
     * {@code <namespace>_<method>}: the whole answer, so that a refusal's {@code error.message} can be read (the
     * base class only returns results).
     *
     * @param params by parameter name; a {@code null} value is sent as JSON null
     */
    static JsonNode call(String method, Map<String, ?> params) throws Exception {
        int id = IDS.incrementAndGet();
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id)
                .put("method", NAMESPACE + "_" + method);
        request.set("params", JSON.valueToTree(params));
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create("ws://localhost:" + PORT + "/q/dev-ui/json-rpc-ws"), new WebSocket.Listener() {
                    private final StringBuilder message = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        message.append(data);
                        if (last) {
                            try {
                                JsonNode node = JSON.readTree(message.toString());
                                // the Dev UI also pushes messages of its own on the socket
                                if (node.path("id").asInt(-1) == id) {
                                    answer.complete(node);
                                }
                            } catch (IOException e) {
                                answer.completeExceptionally(e);
                            }
                            message.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        answer.completeExceptionally(error);
                    }
                }).get(10, TimeUnit.SECONDS);
        try {
            socket.sendText(JSON.writeValueAsString(request), true).get(10, TimeUnit.SECONDS);
            return answer.get(120, TimeUnit.SECONDS);
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    /** The message of a call the server refused; fails when it answered with a result. */
    static String refusal(String method, Map<String, ?> params) throws Exception {
        JsonNode answer = call(method, params);
        if (!answer.has("error")) {
            throw new AssertionError(method + " " + params + " was not refused: " + answer);
        }
        return answer.get("error").path("message").asText();
    }

    /** The result of a call the server answered; fails when it refused. */
    static JsonNode result(String method, Map<String, ?> params) throws Exception {
        JsonNode answer = call(method, params);
        if (!answer.has("result")) {
            throw new AssertionError(method + " " + params + " was refused: " + answer);
        }
        JsonNode result = answer.get("result");
        return result.has("object") ? result.get("object") : result;
    }

    /** Whether a field is null in the answer: the Dev UI leaves null fields out. */
    static boolean absent(JsonNode node, String field) {
        return node.path(field).isMissingNode() || node.get(field).isNull();
    }

    /** Parameters by name, in pairs; unlike {@code Map.of}, a value may be {@code null}. */
    static Map<String, Object> params(Object... namesAndValues) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return params;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
