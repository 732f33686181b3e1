package io.quarkiverse.cloudinary.storage.emulator;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator on its own, for tools other than Quarkus applications:
 *
 * <pre>
 * java -jar quarkus-cloudinary-storage-emulator.jar --port 8089 [--host 127.0.0.1] [--cloud-name demo-cloud]
 *      [--api-key 123456789012345] [--api-secret emulator-secret] [--data-dir ./cloudinary-data]
 * </pre>
 */
public final class EmulatorMain {

    private EmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        CloudinaryEmulator.Builder builder = CloudinaryEmulator.builder();
        EmulatorAccount defaults = CloudinaryEmulator.DEFAULT_ACCOUNT;
        String cloudName = defaults.cloudName();
        String apiKey = defaults.apiKey();
        String apiSecret = defaults.apiSecret();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                usage();
                return;
            }
            if (i + 1 >= args.length) {
                fail("missing value after " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--port" -> builder.port(Integer.parseInt(value));
                case "--host" -> builder.host(value);
                case "--cloud-name" -> cloudName = value;
                case "--api-key" -> apiKey = value;
                case "--api-secret" -> apiSecret = value;
                case "--data-dir" -> builder.dataDirectory(Path.of(value));
                default -> fail("unknown option " + option);
            }
        }
        EmulatorAccount account = new EmulatorAccount(cloudName, apiKey, apiSecret);
        CloudinaryEmulator emulator = builder.account(account).build().start();
        String base = emulator.baseUrl();
        String hostAndPort = base.substring("http://".length());
        System.out.println("Cloudinary emulator listening on " + base);
        System.out.println();
        System.out.println("Quarkus:      quarkus.cloudinary.url=" + account.cloudinaryUrl());
        System.out.println("              quarkus.cloudinary.api-base-url=" + base);
        System.out.println("              quarkus.cloudinary.delivery-base-url=" + base);
        System.out.println("Any SDK:      CLOUDINARY_URL=" + account.cloudinaryUrl() + "?upload_prefix=" + base
                + "&cname=" + hostAndPort + "&secure=false");
        System.out.println("Controls:     " + base + "/_emulator/health, /requests, /reset, /latency, /rate-limit, /faults");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.stop();
            stopped.countDown();
        }));
        stopped.await();
    }

    private static void usage() {
        System.out.println("Usage: java -jar quarkus-cloudinary-storage-emulator.jar [--port N] [--host H]"
                + " [--cloud-name C] [--api-key K] [--api-secret S] [--data-dir DIR]");
    }

    private static void fail(String message) {
        System.err.println(message);
        usage();
        System.exit(2);
    }
}
