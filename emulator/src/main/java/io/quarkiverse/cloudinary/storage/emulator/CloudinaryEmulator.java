package io.quarkiverse.cloudinary.storage.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import io.quarkiverse.cloudinary.storage.emulator.control.EmulatorControls;
import io.quarkiverse.cloudinary.storage.emulator.delivery.DeliveryHandler;
import io.quarkiverse.cloudinary.storage.emulator.delivery.ImageRenditions;
import io.quarkiverse.cloudinary.storage.emulator.http.AdminApiHandler;
import io.quarkiverse.cloudinary.storage.emulator.http.AssetJson;
import io.quarkiverse.cloudinary.storage.emulator.http.ControlHandler;
import io.quarkiverse.cloudinary.storage.emulator.http.Router;
import io.quarkiverse.cloudinary.storage.emulator.http.UploadApiHandler;
import io.quarkiverse.cloudinary.storage.emulator.model.AssetService;
import io.quarkiverse.cloudinary.storage.emulator.model.ChunkAssembler;
import io.quarkiverse.cloudinary.storage.emulator.model.ResourceRepository;
import io.quarkiverse.cloudinary.storage.emulator.store.BlobStore;
import io.quarkiverse.cloudinary.storage.emulator.store.DirectoryBlobStore;
import io.quarkiverse.cloudinary.storage.emulator.store.MemoryBlobStore;

/**
 * A Cloudinary-compatible server in this JVM: the Upload API, the Admin API and delivery URLs, for the official SDK
 * unchanged, plus control endpoints under {@code /_emulator/} for tests.
 *
 * <pre>
 * try (CloudinaryEmulator emulator = CloudinaryEmulator.builder().build()) {
 *     emulator.start();
 *     Cloudinary cloudinary = new Cloudinary(emulator.account().cloudinaryUrl());
 *     cloudinary.config.uploadPrefix = emulator.baseUrl();
 * }
 * </pre>
 */
public final class CloudinaryEmulator implements AutoCloseable {

    public static final EmulatorAccount DEFAULT_ACCOUNT = new EmulatorAccount("demo-cloud", "123456789012345",
            "emulator-secret");

    private final Builder settings;
    private HttpServer server;
    private ExecutorService workers;
    private ResourceRepository repository;
    private BlobStore blobs;
    private EmulatorControls controls;

    private CloudinaryEmulator(Builder settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the port and starts serving. */
    public synchronized CloudinaryEmulator start() {
        if (server != null) {
            return this;
        }
        // The JDK server writes headers and body separately; with Nagle's algorithm on, each answer then waits for
        // the client's delayed ACK (about 40 ms). The JDK reads this once, when its first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        try {
            blobs = settings.dataDirectory != null ? new DirectoryBlobStore(settings.dataDirectory.resolve("blobs"))
                    : settings.blobStore != null ? settings.blobStore : new MemoryBlobStore();
            repository = new ResourceRepository(
                    Optional.ofNullable(settings.dataDirectory).map(d -> d.resolve("assets.journal")));
            server = HttpServer.create(new InetSocketAddress(settings.host, settings.port), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the Cloudinary emulator on " + settings.host + ":"
                    + settings.port, e);
        }
        String baseUrl = settings.publicBaseUrl != null ? settings.publicBaseUrl
                : "http://" + settings.host + ":" + server.getAddress().getPort();
        Map<String, EmulatorAccount> accounts = new LinkedHashMap<>();
        for (EmulatorAccount account : accounts()) {
            accounts.put(account.cloudName(), account);
        }
        controls = new EmulatorControls();
        AssetService assets = new AssetService(repository, blobs, settings.limits, new ImageRenditions());
        ChunkAssembler chunks = new ChunkAssembler(blobs);
        AssetJson json = new AssetJson(baseUrl);
        Router router = new Router(accounts, controls,
                new ControlHandler(controls, () -> {
                    repository.clear();
                    assets.forgetTransientState();
                    chunks.clear();
                    try {
                        blobs.clear();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, assets, account().cloudName()),
                new UploadApiHandler(assets, blobs, chunks, json),
                new AdminApiHandler(assets, controls, json),
                new DeliveryHandler(repository, blobs));
        server.createContext("/", router);
        AtomicInteger threadNumber = new AtomicInteger();
        workers = new ThreadPoolExecutor(settings.threads, settings.threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "cloudinary-emulator-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        server.setExecutor(workers);
        server.start();
        return this;
    }

    /** Stops serving and releases the port. Stored assets stay in the data directory, if any. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stop(0);
        workers.shutdownNow();
        repository.close();
        try {
            blobs.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = null;
    }

    @Override
    public void close() {
        stop();
    }

    public int port() {
        requireStarted();
        return server.getAddress().getPort();
    }

    /** Where the APIs and delivery URLs are served, for example {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        requireStarted();
        return settings.publicBaseUrl != null ? settings.publicBaseUrl : "http://" + settings.host + ":" + port();
    }

    /** The first (by default the only) account served. */
    public EmulatorAccount account() {
        return accounts().get(0);
    }

    /** The same controls the {@code /_emulator/} endpoints give, for code in this JVM. */
    public EmulatorControls controls() {
        requireStarted();
        return controls;
    }

    private List<EmulatorAccount> accounts() {
        return settings.accounts.isEmpty() ? List.of(DEFAULT_ACCOUNT) : settings.accounts;
    }

    private void requireStarted() {
        if (server == null) {
            throw new IllegalStateException("The Cloudinary emulator is not started");
        }
    }

    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private final List<EmulatorAccount> accounts = new ArrayList<>();
        private BlobStore blobStore;
        private Path dataDirectory;
        private String publicBaseUrl;
        private AssetService.Limits limits = AssetService.Limits.FREE_PLAN;
        private int threads = Math.max(16, Runtime.getRuntime().availableProcessors() * 8);

        private Builder() {
        }

        /** Address to bind; loopback by default. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** Port to bind; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** An account to serve; {@link #DEFAULT_ACCOUNT} when none is given. */
        public Builder account(EmulatorAccount account) {
            accounts.add(account);
            return this;
        }

        /** Where bytes go; memory by default. */
        public Builder blobStore(BlobStore blobStore) {
            this.blobStore = blobStore;
            return this;
        }

        /** Keeps bytes and asset records in this directory, so they survive restarts. */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** The base URL put in {@code url}/{@code secure_url} answers, when clients reach the emulator by another name. */
        public Builder publicBaseUrl(String publicBaseUrl) {
            this.publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                    : publicBaseUrl;
            return this;
        }

        /** Largest accepted file per resource type; Cloudinary's Free plan by default. */
        public Builder limits(AssetService.Limits limits) {
            this.limits = limits;
            return this;
        }

        /** Worker threads serving requests. */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        public CloudinaryEmulator build() {
            return new CloudinaryEmulator(this);
        }
    }
}
