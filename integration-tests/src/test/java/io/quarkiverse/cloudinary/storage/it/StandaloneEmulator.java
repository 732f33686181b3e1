package io.quarkiverse.cloudinary.storage.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkiverse.cloudinary.storage.emulator.CloudinaryEmulator;
import io.quarkiverse.cloudinary.storage.emulator.EmulatorMain;

/**
 * The emulator as a user runs it on its own ({@link EmulatorMain}), in a process of its own on a free port, with what it
 * prints read back: its base URL and the {@code CLOUDINARY_URL} it offers to any SDK.
 */
public final class StandaloneEmulator implements AutoCloseable {

    /** The base URL in the line the emulator prints once it listens: "listening on URL, files in ...". */
    public static final Pattern LISTENING = Pattern.compile("listening on (http://[^\\s,]+)");
    private static final Pattern ANY_SDK = Pattern.compile("Any SDK:\\s+CLOUDINARY_URL=(\\S+)");

    private final Process process;
    private final String baseUrl;
    private final String anySdkUrl;
    private final Path log;

    private StandaloneEmulator(Process process, String baseUrl, String anySdkUrl, Path log) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.anySdkUrl = anySdkUrl;
        this.log = log;
    }

    /**
     * @param options further command-line options, such as {@code --data-dir DIR}
     * @param jvmOptions options of its JVM, such as {@code -Xmx1g}
     */
    public static StandaloneEmulator start(List<String> jvmOptions, String... options) {
        try {
            Path classes = Path.of(CloudinaryEmulator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path log = Files.createTempFile(Path.of("target"), "standalone-emulator-", ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", classes.toString(), EmulatorMain.class.getName(), "--port", "0"));
            command.addAll(List.of(options));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                String output = Files.readString(log);
                Matcher listening = LISTENING.matcher(output);
                Matcher anySdk = ANY_SDK.matcher(output);
                if (listening.find() && anySdk.find()) {
                    return new StandaloneEmulator(process, listening.group(1), anySdk.group(1), log);
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("The emulator stopped before it listened:\n" + output);
                }
                Thread.sleep(100);
            }
            process.destroyForcibly();
            throw new IllegalStateException("The emulator did not print its URLs within 30 s:\n" + Files.readString(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The {@code CLOUDINARY_URL=...} line it prints under "Any SDK", as printed. */
    public String anySdkUrl() {
        return anySdkUrl;
    }

    /**
     * The configuration of an application that knows nothing but the printed {@code CLOUDINARY_URL}. A test run keeps
     * the Dev Service of an earlier test application running and hands its settings to later ones; they are blanked
     * here, which reads as unset.
     */
    public Map<String, String> applicationConfig() {
        return Map.of("CLOUDINARY_URL", anySdkUrl, "quarkus.cloudinary.url", "", "quarkus.cloudinary.api-base-url", "",
                "quarkus.cloudinary.delivery-base-url", "");
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
