package io.quarkiverse.cloudinary.storage.test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.cloudinary.Cloudinary;

import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkus.test.QuarkusUnitTest;

/**
 * No credentials anywhere: the emulator starts, keeping files in memory as tests do by default, and the injected
 * client works against it end to end.
 */
class EmulatorDevServiceTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .setLogRecordPredicate(r -> r.getLoggerName().endsWith(".devservices.CloudinaryDevServicesProcessor"))
            .assertLogRecords(records -> {
                List<String> lines = records.stream()
                        .map(r -> r instanceof ExtLogRecord ext ? ext.getFormattedMessage() : r.getMessage()).toList();
                assertEquals(1, lines.size(), lines.toString());
                // tests start from an empty account: memory, bounded, gone with the application
                assertTrue(lines.get(0).matches("Cloudinary emulator Dev Service started at http://127\\.0\\.0\\.1:\\d+"
                        + " \\(cloud name dev-cloud\\), files kept in memory, \\d+ of \\d+ bytes used, until the"
                        + " application stops; control endpoints under .*"), lines.get(0));
            });

    @Inject
    Cloudinary cloudinary;

    @Inject
    CloudinaryOperations operations;

    @Test
    void clientIsPointedAtTheEmulator() {
        String apiBase = ConfigProvider.getConfig().getValue("quarkus.cloudinary.api-base-url", String.class);
        assertTrue(apiBase.matches("http://127\\.0\\.0\\.1:\\d+"), apiBase);
        assertEquals(apiBase, cloudinary.config.uploadPrefix);
        assertEquals("dev-cloud", cloudinary.config.cloudName);
    }

    @Test
    void uploadThenDeliverThenDestroy() throws Exception {
        byte[] content = "hello from the dev service".getBytes(StandardCharsets.UTF_8);
        Map<?, ?> uploaded = operations.upload("upload of notes/hello.txt", (uploader, options) -> {
            options.put("resource_type", "raw");
            options.put("public_id", "notes/hello.txt");
            return uploader.upload(content, options);
        });
        assertEquals("notes/hello.txt", uploaded.get("public_id"));
        assertEquals(content.length, ((Number) uploaded.get("bytes")).intValue());

        String url = cloudinary.url().resourceType("raw").generate("notes/hello.txt");
        HttpResponse<byte[]> delivered = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, delivered.statusCode(), url);
        assertArrayEquals(content, delivered.body());

        Map<?, ?> destroyed = operations.upload("destroy of notes/hello.txt", (uploader, options) -> {
            options.put("resource_type", "raw");
            return uploader.destroy("notes/hello.txt", options);
        });
        assertEquals("ok", destroyed.get("result"));
    }
}
