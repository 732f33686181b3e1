package io.quarkiverse.cloudinary.storage.test.devui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.QuarkusDevModeTest;

/** The Overview page: the settings in effect on the emulator Dev Service, and never a secret. */
class OverviewJsonRpcTest extends CloudinaryJsonRpcTest {

    @RegisterExtension
    static final QuarkusDevModeTest devMode = new QuarkusDevModeTest()
            .withApplicationRoot(root -> root.addAsResource(applicationProperties("""
                    quarkus.cloudinary.devservices.api-secret=overview-secret-value
                    quarkus.cloudinary.devservices.api-key=987654321
                    quarkus.cloudinary.http.read-timeout=45s
                    quarkus.cloudinary.media.prefix=uploads
                    """), "application.properties"));

    @Test
    void showsTheEmulatorAccountAndSettings() throws Exception {
        JsonNode overview = executeJsonRPCMethod("getOverview");

        assertEquals("dev-cloud", overview.get("cloudName").asText());
        String apiBase = overview.get("apiBaseUrl").asText();
        assertTrue(apiBase.matches("http://127\\.0\\.0\\.1:\\d+"), apiBase);
        assertEquals(apiBase, overview.get("deliveryBaseUrl").asText());
        assertFalse(overview.get("secureDelivery").asBoolean());
        assertEquals("45s", overview.get("readTimeout").asText());
        assertEquals("10s", overview.get("connectTimeout").asText());
        assertEquals("uploads", overview.get("mediaPrefix").asText());
        assertEquals("media", overview.get("mediaTag").asText());
        assertEquals("static", overview.get("staticTag").asText());
        assertEquals("upload", overview.get("mediaDeliveryType").asText());
        assertEquals(3, overview.get("maxRetries").asInt());
    }

    @Test
    void saysTheEmulatorDevServiceIsInUse() throws Exception {
        assertTrue(executeJsonRPCMethod("isEmulatorDevService").asBoolean());
    }

    @Test
    void neverSendsTheApiKeyOrSecret() throws Exception {
        JsonNode overview = executeJsonRPCMethod("getOverview");

        String json = overview.toString();
        assertFalse(json.contains("overview-secret-value"), json);
        assertFalse(json.contains("987654321"), json);
        Set<String> names = new TreeSet<>();
        overview.fieldNames().forEachRemaining(names::add);
        assertFalse(names.stream().anyMatch(n -> n.toLowerCase().contains("secret") || n.toLowerCase().contains("key")),
                names.toString());
    }
}
