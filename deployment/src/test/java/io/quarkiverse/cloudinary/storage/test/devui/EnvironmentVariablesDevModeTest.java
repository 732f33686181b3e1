package io.quarkiverse.cloudinary.storage.test.devui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.cloudinary.storage.test.LogMessages;
import io.quarkus.test.QuarkusDevModeTest;

/**
 * Dev mode on a machine whose shell has {@code CLOUDINARY_URL=cloudinary://envkey:envsecret@envcloud} (and
 * {@code CLOUDINARY_API_KEY}) in its real environment, and nothing in {@code application.properties}: that variable
 * alone keeps the emulator off and makes the account real, and the application says so. Runs in the Surefire execution
 * that sets those variables (see deployment/pom.xml); it calls nothing on that account, so it needs no network.
 */
class EnvironmentVariablesDevModeTest extends CloudinaryJsonRpcTest {

    @RegisterExtension
    static final QuarkusDevModeTest devMode = new QuarkusDevModeTest()
            .setLogRecordPredicate(record -> record.getLevel().intValue() >= Level.WARNING.intValue()
                    || record.getMessage() != null && record.getMessage().contains("Not starting the Cloudinary emulator"))
            .withApplicationRoot(root -> root.addAsResource(applicationProperties(""), "application.properties"));

    @Test
    void theVariableAloneTurnsTheEmulatorOffWithAWarningNamingTheCloud() throws Exception {
        List<String> messages = devMode.getLogRecords().stream().map(LogMessages::formatted).toList();
        assertTrue(messages.stream().anyMatch(m -> m.contains("Not starting the Cloudinary emulator")
                && m.contains("CLOUDINARY_URL")), messages.toString());
        List<String> warnings = messages.stream().filter(m -> m.contains("real Cloudinary account")).toList();
        assertEquals(1, warnings.size(), messages.toString());
        assertTrue(warnings.get(0).contains("'envcloud'"), warnings.get(0));
        assertFalse(messages.stream().anyMatch(m -> m.contains("envsecret")), "the secret stays out of the log");

        assertFalse(executeJsonRPCMethod("isEmulatorDevService").asBoolean());
        JsonNode overview = executeJsonRPCMethod("getOverview");
        assertTrue(overview.get("realAccount").asBoolean(), overview.toString());
        assertEquals("envcloud", overview.get("cloudName").asText());
        assertEquals("https://api.cloudinary.com", overview.get("apiBaseUrl").asText());

        // refused before any call: this test must not reach Cloudinary
        assertTrue(refusal("deleteRedundantStaticResources", params("cloudName", null)).contains("'envcloud'"));
    }
}
