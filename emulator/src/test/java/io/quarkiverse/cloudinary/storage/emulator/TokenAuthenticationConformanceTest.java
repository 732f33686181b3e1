package io.quarkiverse.cloudinary.storage.emulator;

import static io.quarkiverse.cloudinary.storage.emulator.UploadApiConformanceTest.options;
import static io.quarkiverse.cloudinary.storage.emulator.UploadApiConformanceTest.png;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.cloudinary.Cloudinary;
import com.cloudinary.api.AuthorizationRequired;
import com.cloudinary.api.exceptions.NotFound;

/**
 * Tokens through the official SDK: an Admin API call with an OAuth bearer token is answered as Cloudinary answers a
 * token it does not know, and the delete token of {@code return_delete_token} deletes its upload once, unsigned.
 */
class TokenAuthenticationConformanceTest {

    @RegisterExtension
    static final EmulatorFixture fixture = new EmulatorFixture();

    @Test
    void aBearerTokenIsAnInvalidTokenNotAMissingKey() {
        AuthorizationRequired refused = assertThrows(AuthorizationRequired.class,
                () -> fixture.api.ping(options("oauth_token", "not_a_real_token")));
        assertEquals("Invalid token", refused.getMessage());
        Cloudinary withToken = fixture.client(fixture.emulator.account().apiSecret(),
                Map.of("oauth_token", "configured-token"));
        AuthorizationRequired configured = assertThrows(AuthorizationRequired.class,
                () -> withToken.api().resource("anything", options()));
        assertEquals("Invalid token", configured.getMessage());
    }

    /** A client without key nor secret, as a browser or a mobile app holding only the token would be. */
    private static Cloudinary keyless() {
        Map<String, Object> config = new HashMap<>();
        config.put("cloud_name", fixture.emulator.account().cloudName());
        config.put("upload_prefix", fixture.emulator.baseUrl());
        return new Cloudinary(config);
    }

    @Test
    void theDeleteTokenDeletesItsUploadOnceWithoutSignature() throws Exception {
        Map<?, ?> uploaded = fixture.uploader.upload(png(3, 3), options("public_id", "short-lived",
                "return_delete_token", true));
        String token = (String) uploaded.get("delete_token");
        assertTrue(token != null && token.matches("[0-9a-f]{40}"), String.valueOf(token));
        assertFalse(fixture.uploader.upload(png(3, 3), options("public_id", "kept")).containsKey("delete_token"));

        Map<?, ?> deleted = keyless().uploader().deleteByToken(token);
        assertEquals("ok", deleted.get("result"));
        assertThrows(NotFound.class, () -> fixture.api.resource("short-lived", options()));
        assertEquals(1, fixture.control.requestCount("upload:delete_by_token"));

        RuntimeException used = assertThrows(RuntimeException.class, () -> keyless().uploader().deleteByToken(token));
        assertEquals("Invalid token", used.getMessage());
        RuntimeException unknown = assertThrows(RuntimeException.class,
                () -> keyless().uploader().deleteByToken("0123456789abcdef"));
        assertEquals("Invalid token", unknown.getMessage());
        assertEquals(3, fixture.api.resource("kept", options()).get("width"), "other assets are untouched");
    }

    @Test
    void aResetForgetsDeleteTokens() throws Exception {
        String token = (String) fixture.uploader.upload(png(1, 1), options("public_id", "p", "return_delete_token",
                true)).get("delete_token");
        fixture.control.reset();
        assertThrows(RuntimeException.class, () -> keyless().uploader().deleteByToken(token));
    }
}
