package io.quarkiverse.cloudinary.storage.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
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

    /** Threads that receive requests and serve the control endpoints; the API has its workers. */
    private static final int RECEIVING_THREADS = 4;

    private final Builder settings;
    private HttpServer server;
    private ExecutorService receivers;
    private ExecutorService workers;
    private ResourceRepository repository;
    private BlobStore blobs;
    private EmulatorControls controls;
    private FileChannel dataDirectoryLock;

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
            if (settings.dataDirectory != null) {
                lockDataDirectory(settings.dataDirectory);
            }
            blobs = settings.dataDirectory != null ? new DirectoryBlobStore(settings.dataDirectory.resolve("blobs"))
                    : settings.blobStore != null ? settings.blobStore
                            : new MemoryBlobStore(settings.memoryLimit > 0 ? settings.memoryLimit
                                    : Runtime.getRuntime().maxMemory() / 4);
            repository = new ResourceRepository(
                    Optional.ofNullable(settings.dataDirectory).map(d -> d.resolve("assets.journal")));
            server = HttpServer.create(new InetSocketAddress(settings.host, settings.port), 1024);
        } catch (IOException e) {
            abandonStart();
            throw new UncheckedIOException("Cannot start the Cloudinary emulator on " + settings.host + ":"
                    + settings.port, e);
        } catch (RuntimeException e) {
            abandonStart();
            throw e;
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
        workers = Executors.newFixedThreadPool(settings.workers, threads("cloudinary-emulator-worker-"));
        receivers = Executors.newFixedThreadPool(RECEIVING_THREADS, threads("cloudinary-emulator-http-"));
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
                }, assets, account().cloudName(), blobs),
                new UploadApiHandler(assets, blobs, chunks, json),
                new AdminApiHandler(assets, controls, json),
                new DeliveryHandler(repository, blobs), workers);
        server.createContext("/", router);
        server.setExecutor(receivers);
        server.start();
        return this;
    }

    /**
     * Two emulators appending to one journal would corrupt it: the directory is held by a file lock for as long as
     * this emulator runs, which other processes and this JVM both respect.
     */
    private void lockDataDirectory(Path directory) throws IOException {
        Files.createDirectories(directory);
        dataDirectoryLock = FileChannel.open(directory.resolve("emulator.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = dataDirectoryLock.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            releaseDataDirectory();
            throw new IllegalStateException("Another Cloudinary emulator is using the data directory "
                    + directory.toAbsolutePath() + ": give each emulator its own");
        }
    }

    /** Lets go of what a start that failed had opened. */
    private void abandonStart() {
        if (repository != null) {
            repository.close();
            repository = null;
        }
        releaseDataDirectory();
    }

    private void releaseDataDirectory() {
        if (dataDirectoryLock != null) {
            try {
                // closing the channel releases its lock
                dataDirectoryLock.close();
            } catch (IOException ignored) {
                // the lock dies with the channel whatever close reports
            }
            dataDirectoryLock = null;
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger number = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Stops serving and releases the port. Stored assets stay in the data directory, if any. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stop(0);
        workers.shutdownNow();
        receivers.shutdownNow();
        repository.close();
        try {
            blobs.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            releaseDataDirectory();
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

    /** Where the bytes are: {@code memory, 0 of 268435456 bytes used} or {@code directory /path/blobs}. */
    public String storeDescription() {
        requireStarted();
        return blobs.description();
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
        private long memoryLimit;
        private AssetService.Limits limits = AssetService.Limits.PAID_PLAN;
        private int workers = Math.max(16, Runtime.getRuntime().availableProcessors() * 8);

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

        /** Where bytes go; memory (see {@link #memoryLimit}) by default. */
        public Builder blobStore(BlobStore blobStore) {
            this.blobStore = blobStore;
            return this;
        }

        /**
         * The most bytes the default memory store holds; uploads beyond it are refused, everything else keeps working.
         * A quarter of the JVM's maximum heap by default.
         */
        public Builder memoryLimit(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("The memory limit must be positive, got " + bytes);
            }
            this.memoryLimit = bytes;
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

        /**
         * Largest accepted file per resource type; {@link AssetService.Limits#PAID_PLAN} by default, so that what a
         * paid Cloudinary account accepts is accepted here.
         */
        public Builder limits(AssetService.Limits limits) {
            this.limits = limits;
            return this;
        }

        /**
         * Threads serving the emulated APIs and delivery (16, or 8 per processor when that is more, by default). The
         * control endpoints have threads of their own.
         */
        public Builder workers(int workers) {
            if (workers < 1) {
                throw new IllegalArgumentException("At least one worker is needed, got " + workers);
            }
            this.workers = workers;
            return this;
        }

        public CloudinaryEmulator build() {
            return new CloudinaryEmulator(this);
        }
    }
}
