package io.quarkiverse.cloudinary.storage.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.cloudinary.Cloudinary;

import io.quarkiverse.cloudinary.storage.CloudinaryNetworkException;
import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A server that accepts connections and never answers: every call must end with a timeout, also calls made on the
 * injected SDK client without any per-call option, and idempotent calls give up after the configured retries.
 */
class ReadTimeoutTest {

    static final SilentServer SERVER = SilentServer.start();

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.cloudinary.url", "cloudinary://k:s@c")
            .overrideConfigKey("quarkus.cloudinary.api-base-url", "http://127.0.0.1:" + SERVER.port())
            .overrideConfigKey("quarkus.cloudinary.http.read-timeout", "300ms")
            .overrideConfigKey("quarkus.cloudinary.retry.max-retries", "2")
            .overrideConfigKey("quarkus.cloudinary.retry.initial-backoff", "10ms");

    @Inject
    CloudinaryOperations operations;

    @Inject
    Cloudinary cloudinary;

    @Test
    void typedLayerReportsTheTimeout() {
        CloudinaryNetworkException error = assertThrows(CloudinaryNetworkException.class,
                () -> operations.upload("upload of x", (uploader, options) -> uploader.upload(new byte[] { 1 }, options)));
        assertTrue(error.getMessage().contains("timed out waiting for the answer"), error.getMessage());
        assertEquals(0, error.status());
    }

    @Test
    void rawSdkCallsAreBoundedByThePoolSettings() {
        Exception error = assertThrows(Exception.class,
                () -> cloudinary.uploader().upload(new byte[] { 1 }, new HashMap<>()));
        assertInstanceOf(SocketTimeoutException.class, error);
    }

    @Test
    void idempotentCallsRetryThenGiveUp() {
        int before = SERVER.accepted();
        assertThrows(CloudinaryNetworkException.class,
                () -> operations.adminIdempotent("ping", (api, options) -> api.ping(options)));
        assertEquals(3, SERVER.accepted() - before, "one try and two retries");
    }

    /**
     * Accepts and holds connections, reads nothing, answers nothing. QuarkusUnitTest loads this class a second time in
     * the application's class loader; both copies find the one server through two string system properties (only
     * strings: other code enumerates the system properties and expects nothing else there).
     */
    static final class SilentServer {
        private static final String PORT = "cloudinary.test.silent-server.port";
        private static final String ACCEPTED = "cloudinary.test.silent-server.accepted";

        static synchronized SilentServer start() {
            if (System.getProperty(PORT) == null) {
                open();
            }
            return new SilentServer();
        }

        private static void open() {
            try {
                ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                List<Socket> held = new CopyOnWriteArrayList<>();
                Thread acceptor = new Thread(() -> {
                    while (!socket.isClosed()) {
                        try {
                            held.add(socket.accept());
                            System.setProperty(ACCEPTED, Integer.toString(held.size()));
                        } catch (IOException closed) {
                            return;
                        }
                    }
                }, "silent-server");
                acceptor.setDaemon(true);
                acceptor.start();
                System.setProperty(PORT, Integer.toString(socket.getLocalPort()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        int port() {
            return Integer.parseInt(System.getProperty(PORT));
        }

        int accepted() {
            return Integer.parseInt(System.getProperty(ACCEPTED, "0"));
        }
    }
}
