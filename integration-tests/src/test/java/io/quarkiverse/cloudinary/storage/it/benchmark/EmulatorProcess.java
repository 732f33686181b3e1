package io.quarkiverse.cloudinary.storage.it.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;

import io.quarkiverse.cloudinary.storage.emulator.CloudinaryEmulator;
import io.quarkiverse.cloudinary.storage.emulator.EmulatorAccount;
import io.quarkiverse.cloudinary.storage.emulator.EmulatorMain;
import io.quarkiverse.cloudinary.storage.it.OwnEmulatorResource;
import io.quarkiverse.cloudinary.storage.it.StandaloneEmulator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The standalone emulator ({@link EmulatorMain}) in a JVM of its own, on a free port, keeping its bytes in a directory
 * under {@code target/}: what a benchmark measures in the test JVM is then the client alone, its heap included.
 */
final class EmulatorProcess implements AutoCloseable {

    private final Process process;
    private final Path dataDirectory;
    private final String baseUrl;

    private EmulatorProcess(Process process, Path dataDirectory, String baseUrl) {
        this.process = process;
        this.dataDirectory = dataDirectory;
        this.baseUrl = baseUrl;
    }

    /** @param heap the child JVM's {@code -Xmx}, for example {@code 512m} */
    static EmulatorProcess start(String heap) {
        try {
            Path data = Files.createTempDirectory(Path.of("target"), "emulator-process-");
            String classes = Path.of(EmulatorMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx" + heap, "-cp", classes, EmulatorMain.class.getName(), "--host", "127.0.0.1",
                    "--port", "0", "--data-dir", data.toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            BufferedReader output = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> base = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line; (line = output.readLine()) != null;) {
                        Matcher listening = StandaloneEmulator.LISTENING.matcher(line);
                        if (listening.find()) {
                            return listening.group(1);
                        }
                    }
                    throw new IllegalStateException("the emulator process ended before it listened");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            String url = base.get(60, TimeUnit.SECONDS);
            // keep reading, so that a full pipe never blocks the emulator
            Thread drain = new Thread(() -> {
                try {
                    while (output.readLine() != null) {
                        // discarded
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            }, "emulator-process-output");
            drain.setDaemon(true);
            drain.start();
            return new EmulatorProcess(process, data, url);
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the emulator process", e);
        }
    }

    String baseUrl() {
        return baseUrl;
    }

    EmulatorAccount account() {
        return CloudinaryEmulator.DEFAULT_ACCOUNT;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        OwnEmulatorResource.delete(dataDirectory);
    }

    /** Points a {@code @QuarkusTest} application at an emulator process, with a latency on every API request. */
    public static class Resource implements QuarkusTestResourceLifecycleManager {

        private EmulatorProcess emulator;

        @Override
        public Map<String, String> start() {
            emulator = EmulatorProcess.start(System.getProperty("benchmark.emulatorHeap", "3g"));
            return Map.of("quarkus.cloudinary.url", emulator.account().cloudinaryUrl(),
                    "quarkus.cloudinary.api-base-url", emulator.baseUrl(),
                    "quarkus.cloudinary.delivery-base-url", emulator.baseUrl());
        }

        @Override
        public void stop() {
            emulator.close();
        }
    }
}
