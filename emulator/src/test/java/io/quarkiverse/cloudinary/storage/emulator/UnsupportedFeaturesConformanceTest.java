package io.quarkiverse.cloudinary.storage.emulator;

import static io.quarkiverse.cloudinary.storage.emulator.UploadApiConformanceTest.options;
import static io.quarkiverse.cloudinary.storage.emulator.UploadApiConformanceTest.png;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.cloudinary.api.ApiResponse;
import com.cloudinary.api.exceptions.BadRequest;
import com.cloudinary.api.exceptions.NotFound;

/**
 * What the emulator does not implement is said, never silently skipped: Upload API actions answer 404, Admin API
 * calls 404, parameters 400, each in Cloudinary's error format and naming what is missing. And the everyday Admin
 * API {@code update} is implemented, not mistaken for a details lookup.
 */
class UnsupportedFeaturesConformanceTest {

    @RegisterExtension
    static final EmulatorFixture fixture = new EmulatorFixture();

    private static void assertUnsupportedAction(String action, ThrowingCall call) {
        RuntimeException refused = assertThrows(RuntimeException.class, call::run);
        assertEquals("The Cloudinary emulator does not support the Upload API action " + action, refused.getMessage());
    }

    @FunctionalInterface
    interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void uploadApiActionsTheEmulatorLacksAnswerNotFoundSayingSo() throws Exception {
        fixture.uploader.upload(png(2, 2), options("public_id", "x", "tags", "t"));
        assertUnsupportedAction("text", () -> fixture.uploader.text("hello", options()));
        assertUnsupportedAction("sprite", () -> fixture.uploader.generateSprite("t", options()));
        assertUnsupportedAction("multi", () -> fixture.uploader.multi("t", options()));
        assertUnsupportedAction("explode", () -> fixture.uploader.explode("x", options("page", "all")));
        assertUnsupportedAction("generate_archive", () -> fixture.uploader.createArchive(options("tags",
                List.of("t")), "zip"));
        Map<?, ?> withStatus = fixture.uploader.text("hello", options("return_error", true));
        assertEquals(404, ((Map<?, ?>) withStatus.get("error")).get("http_code"));
        assertEquals(1, fixture.control.requestCount("upload:sprite"));
    }

    @Test
    void adminApiCallsTheEmulatorLacksAnswerNotFoundSayingSo() throws Exception {
        NotFound transformations = assertThrows(NotFound.class, () -> fixture.api.transformations(options()));
        assertEquals("The Cloudinary emulator does not support the Admin API call GET transformations",
                transformations.getMessage());
        assertThrows(NotFound.class, () -> fixture.api.uploadPresets(options()));
        NotFound restore = assertThrows(NotFound.class, () -> fixture.api.restore(List.of("x"), options()));
        assertEquals("The Cloudinary emulator does not support the Admin API call POST resources/image/upload/restore",
                restore.getMessage());
        assertThrows(NotFound.class,
                () -> fixture.api.updateResourcesAccessModeByIds("public", List.of("x"), options()));
        assertThrows(NotFound.class, () -> fixture.api.resourcesByModeration("manual", "pending", options()));
    }

    @Test
    void parametersTheEmulatorLacksAreRefusedNotIgnored() throws Exception {
        RuntimeException notification = assertThrows(RuntimeException.class, () -> fixture.uploader.upload(png(2, 2),
                options("public_id", "n", "notification_url", "http://127.0.0.1:1/hook")));
        assertEquals("The Cloudinary emulator does not support the parameter notification_url in upload",
                notification.getMessage());
        assertEquals(400, ((Map<?, ?>) fixture.uploader.upload(png(2, 2), options("public_id", "n",
                "notification_url", "http://127.0.0.1:1/hook", "return_error", true)).get("error")).get("http_code"));
        assertThrows(com.cloudinary.api.exceptions.NotFound.class, () -> fixture.api.resource("n", options()),
                "nothing was uploaded");

        RuntimeException backup = assertThrows(RuntimeException.class, () -> fixture.uploader.upload(png(2, 2),
                options("public_id", "b", "backup", true)));
        assertEquals("The Cloudinary emulator does not support backup=true in upload (only backup=false)",
                backup.getMessage());
        assertEquals("b", fixture.uploader.upload(png(2, 2), options("public_id", "b", "backup", false))
                .get("public_id"), "a feature switched off asks for nothing");

        RuntimeException preset = assertThrows(RuntimeException.class,
                () -> fixture.uploader.unsignedUpload(png(2, 2), "my_preset", options()));
        assertEquals("The Cloudinary emulator does not support the parameter upload_preset in upload",
                preset.getMessage());

        BadRequest exif = assertThrows(BadRequest.class, () -> fixture.api.resource("b", options("exif", true)));
        assertEquals("The Cloudinary emulator does not support exif=true in GET resources/image/upload/b"
                + " (only exif=false)", exif.getMessage());
        assertThrows(BadRequest.class, () -> fixture.api.resources(options("moderations", true)));
        assertThrows(BadRequest.class, () -> fixture.api.deleteResources(List.of("b"), options("keep_original",
                true)));
        assertEquals(1, fixture.api.resources(options()).get("resources") instanceof List<?> l ? l.size() : -1,
                "keep_original=true deleted nothing");
        BadRequest addOn = assertThrows(BadRequest.class, () -> fixture.api.update("b", options("ocr", "adv_ocr")));
        assertEquals("The Cloudinary emulator does not support the parameter ocr in POST resources/image/upload/b",
                addOn.getMessage());
        RuntimeException explicitAddOn = assertThrows(RuntimeException.class,
                () -> fixture.uploader.explicit("b", options("type", "upload", "categorization", "google_tagging")));
        assertTrue(explicitAddOn.getMessage().contains("parameter categorization in explicit"),
                explicitAddOn.getMessage());
    }

    @Test
    void theAdminUpdateCallChangesTagsContextAndMetadata() throws Exception {
        fixture.uploader.upload(png(2, 2), options("public_id", "u/pic", "tags", "old", "context",
                Map.of("a", "1")));
        ApiResponse updated = fixture.api.update("u/pic", options("tags", List.of("zz", "aa"), "context",
                Map.of("b", "2")));
        assertEquals("u/pic", updated.get("public_id"));
        assertEquals(List.of("aa", "zz"), updated.get("tags"), "tags replaced, sorted");
        assertEquals(Map.of("custom", Map.of("b", "2")), updated.get("context"), "context replaced");
        ApiResponse details = fixture.api.resource("u/pic", options());
        assertEquals(List.of("aa", "zz"), details.get("tags"));
        assertEquals(1, fixture.control.requestCount("admin:resources:update"));
        assertEquals(1, fixture.control.requestCount("admin:resources:get"), "an update is no details lookup");

        ApiResponse untouched = fixture.api.update("u/pic", options());
        assertEquals(List.of("aa", "zz"), untouched.get("tags"), "what is not given stays");
        NotFound missing = assertThrows(NotFound.class, () -> fixture.api.update("u/none", options("tags",
                List.of("x"))));
        assertEquals("Resource not found - u/none", missing.getMessage());
    }
}
