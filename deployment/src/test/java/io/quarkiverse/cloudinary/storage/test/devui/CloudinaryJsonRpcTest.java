package io.quarkiverse.cloudinary.storage.test.devui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.jboss.shrinkwrap.api.asset.StringAsset;

import io.quarkus.devui.tests.DevUIJsonRPCTest;

/**
 * Calls the card's JSON-RPC methods. The application under test gets a free port of its own rather than 8080, so that
 * it never clashes with another application on the machine; the Dev UI client is told that port up front.
 */
abstract class CloudinaryJsonRpcTest extends DevUIJsonRPCTest {

    static final int PORT = freePort();

    CloudinaryJsonRpcTest() {
        super("quarkus-cloudinary-storage", "http://localhost:" + PORT);
    }

    /** {@code application.properties} of the application under test: the given lines, on {@link #PORT}. */
    static StringAsset applicationProperties(String lines) {
        return new StringAsset("quarkus.http.port=" + PORT + "\n" + lines);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
