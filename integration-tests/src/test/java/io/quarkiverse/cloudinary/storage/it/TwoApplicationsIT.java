package io.quarkiverse.cloudinary.storage.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.cloudinary.Cloudinary;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.emulator.CloudinaryEmulator;
import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;

/**
 * Two packaged applications told apart only by {@code quarkus.application.name} (the demo, and the same demo built as
 * {@code blog}: the name is fixed at build time), with the same credentials and otherwise default settings (same media
 * tag, same prefix), on one account: each one's orphan cleanup deletes its own orphan and nothing of the other's. Then
 * one of them restarts on an empty database and deletes nothing.
 */
class TwoApplicationsIT {

    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:]+:(\\d+)");
    // with -Dnative both builds are native executables, named as failsafe's native.image.path names the demo's
    private static final Path NATIVE_DEMO = Path.of(System.getProperty("native.image.path", "target/none"));
    private static final boolean NATIVE = Files.isRegularFile(NATIVE_DEMO);
    private static final Path DEMO = NATIVE ? NATIVE_DEMO : Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final Path BLOG = NATIVE ? Path.of("target", "another-application").resolve(NATIVE_DEMO.getFileName())
            : Path.of("target", "another-application", "quarkus-run.jar");

    private static CloudinaryEmulator emulator;
    private static Cloudinary client;
    private final List<Application> started = new ArrayList<>();

    @BeforeAll
    static void startEmulator() {
        emulator = CloudinaryEmulator.builder().build().start();
        client = new Cloudinary(emulator.account().cloudinaryUrl());
        client.config.uploadPrefix = emulator.baseUrl();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.stop();
    }

    @AfterEach
    void stopApplications() {
        started.forEach(Application::stop);
    }

    @Test
    void neitherApplicationDeletesTheOthersFilesAndAnEmptyDatabaseDeletesNothing() {
        Application shop = start("shop", DEMO);
        Application blog = start("blog", BLOG);
        long shopItem = shop.createItem("cat.png");
        blog.createItem("cat.png");
        long blogItem = blog.createItem("dog.png");
        // each replaces an image: the old one becomes that application's orphan
        shop.replaceImage(shopItem, "cat-2.png");
        blog.replaceImage(blogItem, "dog-2.png");
        assertEquals(5, images().size(), "two files of the shop, three of the blog");
        assertEquals(3, ownedBy("blog:prod"), "the default owner: the application's name and its profile");
        new EmulatorControlClient(emulator.baseUrl()).backdate("", Duration.ofHours(2));

        given().port(shop.port).post("/orphans").then().statusCode(200)
                .body("deleted", equalTo(1))
                .body("orphans[0].publicId", equalTo("media/items/images/cat"));
        assertEquals(4, images().size(), "the blog's files are all there");
        given().port(blog.port).post("/orphans").then().statusCode(200)
                .body("deleted", equalTo(1))
                .body("orphans[0].publicId", equalTo("media/items/images/dog"));
        Set<String> left = images();
        assertEquals(3, left.size(), left.toString());

        // the shop again, on a new, empty in-memory database: every file of its own looks unreferenced
        shop.stop();
        Application restarted = start("shop", DEMO);
        given().port(restarted.port).post("/orphans").then().statusCode(200)
                .body("deleted", equalTo(0))
                .body("orphansFound", equalTo(1))
                .body("guardTripped", containsString("max-delete-ratio"));
        assertEquals(left, images(), "nothing was deleted");
    }

    private int ownedBy(String owner) {
        try {
            Map<String, Object> options = new HashMap<>();
            options.put("resource_type", "image");
            return ((List<?>) client.api().resourcesByContext(StorageOwner.OWNER_KEY, owner, options).get("resources"))
                    .size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Set<String> images() {
        try {
            Map<String, Object> options = new HashMap<>();
            options.put("resource_type", "image");
            options.put("max_results", 500);
            List<?> resources = (List<?>) client.api().resourcesByTag("media", options).get("resources");
            Set<String> ids = new java.util.TreeSet<>();
            resources.forEach(r -> ids.add((String) ((Map<?, ?>) r).get("public_id")));
            return ids;
        } catch (Exception e) {
            throw new IllegalStateException(CloudinaryResourceType.IMAGE + " listing failed", e);
        }
    }

    private Application start(String name, Path runner) {
        Application application = Application.start(name, runner);
        started.add(application);
        return application;
    }

    /** One packaged application in a JVM of its own. */
    private static final class Application {

        private final Process process;
        private final int port;

        private Application(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static Application start(String name, Path runner) {
            assertTrue(Files.exists(runner), runner + " is packaged before the integration tests run");
            try {
                Path log = Files.createTempFile(Path.of("target"), "two-applications-" + name + "-", ".log");
                List<String> properties = List.of("-Dquarkus.http.port=0",
                        "-Dquarkus.cloudinary.api-base-url=" + emulator.baseUrl(),
                        "-Dquarkus.cloudinary.delivery-base-url=" + emulator.baseUrl());
                List<String> command = new ArrayList<>();
                if (NATIVE) {
                    // a native executable takes system properties as its arguments
                    command.add(runner.toAbsolutePath().toString());
                    command.addAll(properties);
                } else {
                    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                    command.addAll(properties);
                    command.addAll(List.of("-jar", runner.toString()));
                }
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectErrorStream(true).redirectOutput(log.toFile());
                builder.environment().put("CLOUDINARY_URL", emulator.account().cloudinaryUrl());
                Process process = builder.start();
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (System.nanoTime() < deadline) {
                    Matcher listening = LISTENING.matcher(Files.readString(log));
                    if (listening.find()) {
                        return new Application(process, Integer.parseInt(listening.group(1)));
                    }
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name + " stopped before it listened:\n" + Files.readString(log));
                    }
                    Thread.sleep(200);
                }
                process.destroyForcibly();
                throw new IllegalStateException(name + " did not listen within 90 s:\n" + Files.readString(log));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        long createItem(String imageName) {
            String location = given().port(port).multiPart("title", imageName)
                    .multiPart("image", imageName, PictureResourceTest.png(7, 7), "image/png")
                    .redirects().follow(false).post("/items").then().statusCode(303).extract().header("Location");
            return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        }

        void replaceImage(long item, String imageName) {
            given().port(port).multiPart("image", imageName, PictureResourceTest.png(9, 9), "image/png")
                    .post("/items/" + item + "/image").then().statusCode(200);
        }

        void stop() {
            if (process.isAlive()) {
                process.destroy();
                try {
                    if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    process.destroyForcibly();
                }
            }
        }
    }
}
