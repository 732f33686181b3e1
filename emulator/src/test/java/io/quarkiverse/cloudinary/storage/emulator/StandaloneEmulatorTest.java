package io.quarkiverse.cloudinary.storage.emulator;

import static io.quarkiverse.cloudinary.storage.emulator.UploadApiConformanceTest.fetch;
import static io.quarkiverse.cloudinary.storage.emulator.UploadApiConformanceTest.options;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.cloudinary.Cloudinary;

/**
 * The emulator run on its own ({@link EmulatorMain}) as a child JVM, driven through the official SDK: files on disk by
 * default, in a temporary directory it names in its start line and removes at exit, or in the directory given; and
 * an {@link OutOfMemoryError} that ends the process with a message and a non-zero status.
 */
class StandaloneEmulatorTest {

    private static final Pattern START_LINE = Pattern
            .compile("Cloudinary emulator listening on (http://[^,]+), files in (.+?)( \\(a temporary directory.*)?");

    /** A running child emulator: its start line, what it printed, and an SDK client for it. */
    private static final class Child implements AutoCloseable {
        final Process process;
        final BlockingQueue<String> out = new LinkedBlockingQueue<>();
        final StringBuffer err = new StringBuffer();
        String baseUrl;
        String files;
        String startLine;

        Child(List<String> jvmOptions, String... args) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(EmulatorMain.class.getName());
            command.addAll(List.of(args));
            process = new ProcessBuilder(command).start();
            pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), out::add);
            pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)),
                    line -> err.append(line).append('\n'));
        }

        private static void pump(BufferedReader reader, java.util.function.Consumer<String> sink) {
            Thread thread = new Thread(() -> {
                try {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        sink.accept(line);
                    }
                } catch (IOException e) {
                    // the process is gone
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        Child awaitStart() throws InterruptedException {
            String line;
            while ((line = out.poll(30, TimeUnit.SECONDS)) != null) {
                Matcher started = START_LINE.matcher(line);
                if (started.matches()) {
                    startLine = line;
                    baseUrl = started.group(1);
                    files = started.group(2);
                    return this;
                }
            }
            throw new AssertionError("no start line; stderr: " + err);
        }

        Cloudinary client() {
            EmulatorAccount account = CloudinaryEmulator.DEFAULT_ACCOUNT;
            Map<String, Object> config = new HashMap<>();
            config.put("cloud_name", account.cloudName());
            config.put("api_key", account.apiKey());
            config.put("api_secret", account.apiSecret());
            config.put("upload_prefix", baseUrl);
            config.put("secure", false);
            config.put("cname", baseUrl.substring("http://".length()));
            return new Cloudinary(config);
        }

        /** Stops it as a terminal's Ctrl-C or a service manager would. */
        int stop() throws InterruptedException {
            process.destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "stopped");
            return process.exitValue();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    private static List<Path> blobs(Path dataDirectory) throws IOException {
        try (Stream<Path> files = Files.list(dataDirectory.resolve("blobs"))) {
            return files.toList();
        }
    }

    @Test
    void filesGoToATemporaryDirectoryNamedAtStartAndRemovedAtExit() throws Exception {
        try (Child child = new Child(List.of(), "--port", "0").awaitStart()) {
            assertTrue(child.startLine.contains("(a temporary directory, removed at exit; --data-dir keeps them)"),
                    child.startLine);
            Path directory = Path.of(child.files);
            assertTrue(Files.isDirectory(directory), child.startLine);
            byte[] content = "kept on disk".getBytes(StandardCharsets.UTF_8);
            Map<?, ?> uploaded = child.client().uploader().upload(content, options("resource_type", "raw",
                    "public_id", "disk/default.txt"));
            assertArrayEquals(content, fetch((String) uploaded.get("url")));
            List<Path> stored = blobs(directory);
            assertEquals(1, stored.size(), stored.toString());
            assertArrayEquals(content, Files.readAllBytes(stored.get(0)), "the bytes are in the directory");
            assertTrue(Files.size(directory.resolve("assets.journal")) > 0);

            child.stop();
            assertFalse(Files.exists(directory), "a temporary directory is removed at exit");
        }
    }

    @Test
    void aDataDirectoryIsKeptAndServedAgainAfterARestart(@TempDir Path directory) throws Exception {
        byte[] content = "kept across restarts".getBytes(StandardCharsets.UTF_8);
        try (Child first = new Child(List.of(), "--port", "0", "--data-dir", directory.toString()).awaitStart()) {
            assertEquals(directory.toAbsolutePath().toString(), first.files, first.startLine);
            first.client().uploader().upload(content, options("resource_type", "raw", "public_id", "kept.txt"));
            first.stop();
        }
        assertEquals(1, blobs(directory).size());
        try (Child second = new Child(List.of(), "--port", "0", "--data-dir", directory.toString()).awaitStart()) {
            Map<?, ?> details = second.client().api().resource("kept.txt", options("resource_type", "raw"));
            assertArrayEquals(content, fetch((String) details.get("url")));
            second.stop();
        }
    }

    @Test
    void memoryStoreIsAnOptionWithItsBoundInTheStartLine() throws Exception {
        try (Child child = new Child(List.of(), "--port", "0", "--memory", "--memory-limit", "64k").awaitStart()) {
            assertEquals("memory, 0 of 65536 bytes used", child.files);
            Cloudinary client = child.client();
            client.uploader().upload(new byte[60_000], options("resource_type", "raw", "public_id", "a.bin"));
            RuntimeException full = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                    () -> client.uploader().upload(new byte[10_000], options("resource_type", "raw", "public_id",
                            "b.bin")));
            assertTrue(full.getMessage().startsWith("The Cloudinary emulator's memory store is full"),
                    full.getMessage());
            child.stop();
        }
    }

    @Test
    void outOfMemoryEndsTheProcessWithAMessage() throws Exception {
        // a memory store allowed more than the heap: uploads exhaust the heap itself
        try (Child child = new Child(List.of("-Xmx48m"), "--port", "0", "--memory", "--memory-limit", "1g")
                .awaitStart()) {
            Cloudinary client = child.client();
            byte[] file = new byte[4 << 20];
            for (int i = 0; i < 40 && child.process.isAlive(); i++) {
                try {
                    client.uploader().upload(file, options("resource_type", "raw", "public_id", "heap/" + i + ".bin"));
                } catch (IOException | RuntimeException e) {
                    // the process died under this upload
                }
            }
            assertTrue(child.process.waitFor(60, TimeUnit.SECONDS), "the process ended; stderr: " + child.err);
            assertEquals(EmulatorMain.OUT_OF_MEMORY_STATUS, child.process.exitValue(), child.err.toString());
            assertTrue(child.err.toString().contains("Cloudinary emulator: java.lang.OutOfMemoryError"),
                    child.err.toString());
            assertTrue(child.err.toString().contains("; exiting."), child.err.toString());
        }
    }

    @Test
    void optionsThatContradictEachOtherAreRefused() throws Exception {
        try (Child child = new Child(List.of(), "--port", "0", "--memory-limit", "1g")) {
            assertTrue(child.process.waitFor(30, TimeUnit.SECONDS));
            assertEquals(2, child.process.exitValue());
            // the pump may still be reading what the process wrote last
            Thread.sleep(200);
            assertTrue(child.err.toString().startsWith("--memory-limit bounds the heap store of --memory"),
                    child.err.toString());
        }
    }

    @Test
    void sizesTakeBinaryUnits() {
        assertEquals(1_048_576, EmulatorMain.size("--x", "1048576"));
        assertEquals(65_536, EmulatorMain.size("--x", "64k"));
        assertEquals(157_286_400, EmulatorMain.size("--x", "150M"));
        assertEquals(3_145_728_000L, EmulatorMain.size("--x", "3000m"));
        assertEquals(2L << 30, EmulatorMain.size("--x", "2g"));
    }
}
