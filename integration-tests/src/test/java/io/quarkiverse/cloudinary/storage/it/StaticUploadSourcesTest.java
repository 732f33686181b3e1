package io.quarkiverse.cloudinary.storage.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.statics.StaticAsset;
import io.quarkiverse.cloudinary.storage.statics.StaticResources;
import io.quarkiverse.cloudinary.storage.statics.StaticUploadReport;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The static upload reads files where the application holds them: from a directory (dev mode, tests), where the SDK
 * streams each file, and from a jar (a packaged application), where each file is copied to a temporary file first.
 * Either way every file arrives whole and no temporary file is left behind.
 */
@QuarkusTest
class StaticUploadSourcesTest {

    @Test
    void filesFromADirectoryAndFromAJarArriveWhole() throws Exception {
        Path root = Files.createTempDirectory(Path.of("target"), "static-sources-");
        try {
            List<byte[]> contents = List.of("body { color: red }".getBytes(StandardCharsets.UTF_8),
                    PictureResourceTest.png(7, 5), Samples.text("x".repeat(300_000)));
            List<StaticAsset> assets = new ArrayList<>();
            Path directory = root.resolve("files");
            Path jar = root.resolve("statics.jar");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
                for (int i = 0; i < contents.size(); i++) {
                    String name = "sources/file-" + i + ".bin";
                    Path file = directory.resolve(name);
                    Files.createDirectories(file.getParent());
                    Files.write(file, contents.get(i));
                    out.putNextEntry(new JarEntry(name));
                    out.write(contents.get(i));
                    out.closeEntry();
                    String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(contents.get(i)));
                    assets.add(new StaticAsset(name, name, CloudinaryResourceType.RAW, "sources-test/" + name,
                            "sources-test/unhashed/" + name, "", contents.get(i).length, md5, name));
                }
            }
            for (Path source : List.of(directory, jar)) {
                Emulator.control().reset();
                long spooledBefore = spooled();
                try (URLClassLoader files = new URLClassLoader(new URL[] { source.toUri().toURL() },
                        Thread.currentThread().getContextClassLoader())) {
                    StaticResources statics = ClassLoaderStatics.over(files, "sources-test/cloudinary-manifests/", assets);
                    StaticUploadReport report = statics.upload();
                    assertEquals(0, report.failed(), () -> String.join("\n", report.failures()));
                    assertEquals(assets.size() + 1, report.uploaded(), "the files and the manifest record");
                    for (int i = 0; i < assets.size(); i++) {
                        assertArrayEquals(contents.get(i), given().get(statics.url(assets.get(i).originalName())).then()
                                .statusCode(200).extract().asByteArray(), source + ": " + assets.get(i).originalName());
                    }
                }
                assertEquals(spooledBefore, spooled(), "no temporary file is left behind");
            }
        } finally {
            OwnEmulatorResource.delete(root);
        }
    }

    private static long spooled() throws Exception {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("cloudinary-static-")).count();
        }
    }
}
