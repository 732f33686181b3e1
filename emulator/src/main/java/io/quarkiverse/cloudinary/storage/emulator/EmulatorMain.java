package io.quarkiverse.cloudinary.storage.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import io.quarkiverse.cloudinary.storage.emulator.model.AssetService;

/**
 * Runs the emulator on its own, for tools other than Quarkus applications. Files go to a directory (a new temporary
 * one unless {@code --data-dir} names one), so that a long run fills a disk rather than the heap; an
 * {@link OutOfMemoryError} anywhere ends the process with a message and exit status {@value #OUT_OF_MEMORY_STATUS}
 * rather than leaving it alive and deaf.
 */
public final class EmulatorMain {

    /** The exit status after an {@link OutOfMemoryError}. */
    static final int OUT_OF_MEMORY_STATUS = 3;
    private static final int USAGE_STATUS = 2;

    private static final String USAGE = """
            Usage: java -jar quarkus-cloudinary-storage-emulator.jar [options]
              --port N             port to listen on (default 0: a free one)
              --host H             address to bind (default 127.0.0.1)
              --cloud-name C       cloud name of the account (default demo-cloud)
              --api-key K          its API key (default 123456789012345)
              --api-secret S       its API secret (default emulator-secret)
              --data-dir DIR       keep files and asset records in DIR, across restarts
                                   (default: a new temporary directory, removed when the emulator stops)
              --memory             keep files on the heap instead of a directory
              --memory-limit SIZE  the most the heap keeps with --memory (default: a quarter of the heap)
              --workers N          threads serving the API (default 16; the control endpoints have their own)
              --plan free|paid     file size limits of Cloudinary's Free plan (10m, 100m, 10m) or of a paid
                                   plan (150m, 3000m, 2000m; the default)
              --max-image-size SIZE, --max-video-size SIZE, --max-raw-size SIZE
                                   one limit instead of the plan's
            SIZE is a number of bytes, optionally followed by k, m or g (1024-based): 512m, 2g.""";

    private EmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        exitOnOutOfMemory();
        CloudinaryEmulator.Builder builder = CloudinaryEmulator.builder();
        EmulatorAccount defaults = CloudinaryEmulator.DEFAULT_ACCOUNT;
        String cloudName = defaults.cloudName();
        String apiKey = defaults.apiKey();
        String apiSecret = defaults.apiSecret();
        Path dataDirectory = null;
        boolean memory = false;
        boolean memoryLimit = false;
        AssetService.Limits plan = AssetService.Limits.PAID_PLAN;
        Long maxImage = null;
        Long maxVideo = null;
        Long maxRaw = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                System.out.println(USAGE);
                return;
            }
            if (option.equals("--memory")) {
                memory = true;
                continue;
            }
            if (i + 1 >= args.length) {
                fail("missing value after " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--port" -> builder.port(integer(option, value));
                case "--host" -> builder.host(value);
                case "--cloud-name" -> cloudName = value;
                case "--api-key" -> apiKey = value;
                case "--api-secret" -> apiSecret = value;
                case "--data-dir" -> dataDirectory = Path.of(value);
                case "--memory-limit" -> {
                    builder.memoryLimit(size(option, value));
                    memoryLimit = true;
                }
                case "--workers" -> builder.workers(integer(option, value));
                case "--plan" -> plan = switch (value.toLowerCase(Locale.ROOT)) {
                    case "free" -> AssetService.Limits.FREE_PLAN;
                    case "paid" -> AssetService.Limits.PAID_PLAN;
                    default -> fail("--plan is free or paid, got " + value);
                };
                case "--max-image-size" -> maxImage = size(option, value);
                case "--max-video-size" -> maxVideo = size(option, value);
                case "--max-raw-size" -> maxRaw = size(option, value);
                default -> fail("unknown option " + option);
            }
        }
        if (memory && dataDirectory != null) {
            fail("--memory and --data-dir exclude each other");
        }
        if (memoryLimit && !memory) {
            fail("--memory-limit bounds the heap store of --memory; files go to a directory without it");
        }
        builder.limits(new AssetService.Limits(maxImage != null ? maxImage : plan.image(),
                maxVideo != null ? maxVideo : plan.video(), maxRaw != null ? maxRaw : plan.raw()));
        Path temporary = null;
        if (!memory && dataDirectory == null) {
            temporary = createTemporaryDirectory();
            dataDirectory = temporary;
        }
        if (dataDirectory != null) {
            builder.dataDirectory(dataDirectory);
        }
        EmulatorAccount account = new EmulatorAccount(cloudName, apiKey, apiSecret);
        CloudinaryEmulator emulator = builder.account(account).build().start();
        String base = emulator.baseUrl();
        String hostAndPort = base.substring("http://".length());
        String where = memory ? "files in " + emulator.storeDescription()
                : "files in " + dataDirectory.toAbsolutePath()
                        + (temporary != null ? " (a temporary directory, removed at exit; --data-dir keeps them)" : "");
        System.out.println("Cloudinary emulator listening on " + base + ", " + where);
        System.out.println();
        System.out.println("Quarkus:      quarkus.cloudinary.url=" + account.cloudinaryUrl());
        System.out.println("              quarkus.cloudinary.api-base-url=" + base);
        System.out.println("              quarkus.cloudinary.delivery-base-url=" + base);
        System.out.println("Any SDK:      CLOUDINARY_URL=" + account.cloudinaryUrl() + "?upload_prefix=" + base
                + "&cname=" + hostAndPort + "&secure=false");
        System.out.println("Controls:     " + base + "/_emulator/health, /requests, /reset, /latency, /rate-limit, /faults");
        CountDownLatch stopped = new CountDownLatch(1);
        Path removeAtExit = temporary;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.stop();
            if (removeAtExit != null) {
                deleteRecursively(removeAtExit);
            }
            stopped.countDown();
        }));
        stopped.await();
    }

    /**
     * Once the heap is exhausted, threads die one by one (the HTTP dispatcher among them) and a process that answers
     * nothing is worse than none: any {@link VirtualMachineError} that reaches the top of a thread ends the process.
     */
    private static void exitOnOutOfMemory() {
        // given back before the message is written, so that writing it does not fail for want of memory itself
        byte[][] reserve = { new byte[1 << 20] };
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            if (error instanceof VirtualMachineError) {
                reserve[0] = null;
                System.err.println("Cloudinary emulator: " + error + " in thread " + thread.getName()
                        + "; exiting. Give it more heap (-Xmx), keep files on disk (the default, or --data-dir)"
                        + " or lower --memory-limit.");
                System.err.flush();
                Runtime.getRuntime().halt(OUT_OF_MEMORY_STATUS);
            }
            System.err.print("Exception in thread \"" + thread.getName() + "\" ");
            error.printStackTrace();
        });
    }

    private static Path createTemporaryDirectory() {
        try {
            return Files.createTempDirectory("cloudinary-emulator-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for the emulator's files", e);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("Cloudinary emulator: could not remove " + directory + ": " + e);
        }
    }

    private static int integer(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fail(option + " takes a number, got " + value);
        }
    }

    /** {@code 1048576}, {@code 64k}, {@code 512m}, {@code 2g}: bytes, 1024-based. */
    static long size(String option, String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        long unit = switch (text.isEmpty() ? ' ' : text.charAt(text.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1;
        };
        String digits = unit == 1 ? text : text.substring(0, text.length() - 1);
        try {
            long number = Long.parseLong(digits);
            if (number <= 0) {
                return fail(option + " must be positive, got " + value);
            }
            return Math.multiplyExact(number, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            return fail(option + " takes a size such as 1048576, 64k, 512m or 2g, got " + value);
        }
    }

    private static <T> T fail(String message) {
        System.err.println(message);
        System.err.println(USAGE);
        System.exit(USAGE_STATUS);
        throw new IllegalStateException("unreachable");
    }
}
