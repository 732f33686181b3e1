package io.quarkiverse.cloudinary.storage.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.ConfigurationException;

class CredentialsResolverTest {

    private final Map<String, String> properties = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();

    private CloudinaryCredentials resolve() {
        return CredentialsResolver.resolve(RuntimeConfigs.of(properties), name -> Optional.ofNullable(environment.get(name)))
                .credentials();
    }

    @Test
    void urlPropertyAlone() {
        properties.put("quarkus.cloudinary.url", "cloudinary://pk:ps@pcloud");
        assertEquals(new CloudinaryCredentials("pcloud", "pk", "ps"), resolve());
    }

    @Test
    void separatePropertiesAlone() {
        properties.put("quarkus.cloudinary.cloud-name", "c");
        properties.put("quarkus.cloudinary.api-key", "k");
        properties.put("quarkus.cloudinary.api-secret", "s");
        assertEquals(new CloudinaryCredentials("c", "k", "s"), resolve());
    }

    @Test
    void environmentUrlAlone() {
        environment.put("CLOUDINARY_URL", "cloudinary://ek:es@ecloud");
        assertEquals(new CloudinaryCredentials("ecloud", "ek", "es"), resolve());
    }

    @Test
    void environmentVariablesAlone() {
        environment.put("CLOUDINARY_CLOUD_NAME", "ec");
        environment.put("CLOUDINARY_API_KEY", "ek");
        environment.put("CLOUDINARY_API_SECRET", "es");
        assertEquals(new CloudinaryCredentials("ec", "ek", "es"), resolve());
    }

    @Test
    void propertiesWinOverTheEnvironmentKeyByKey() {
        environment.put("CLOUDINARY_URL", "cloudinary://ek:es@ecloud");
        properties.put("quarkus.cloudinary.cloud-name", "pcloud");
        assertEquals(new CloudinaryCredentials("pcloud", "ek", "es"), resolve());
    }

    @Test
    void singlePropertyWinsOverUrlProperty() {
        properties.put("quarkus.cloudinary.url", "cloudinary://pk:ps@pcloud");
        properties.put("quarkus.cloudinary.api-secret", "rotated");
        assertEquals(new CloudinaryCredentials("pcloud", "pk", "rotated"), resolve());
    }

    @Test
    void urlPropertyWinsOverSingleVariables() {
        properties.put("quarkus.cloudinary.url", "cloudinary://pk:ps@pcloud");
        environment.put("CLOUDINARY_CLOUD_NAME", "ec");
        environment.put("CLOUDINARY_API_KEY", "ek");
        environment.put("CLOUDINARY_API_SECRET", "es");
        assertEquals(new CloudinaryCredentials("pcloud", "pk", "ps"), resolve());
    }

    @Test
    void singleVariableWinsOverUrlVariable() {
        environment.put("CLOUDINARY_URL", "cloudinary://ek:es@ecloud");
        environment.put("CLOUDINARY_API_KEY", "other");
        assertEquals(new CloudinaryCredentials("ecloud", "other", "es"), resolve());
    }

    @Test
    void nothingConfiguredNamesEverySource() {
        ConfigurationException error = assertThrows(ConfigurationException.class, this::resolve);
        for (String name : new String[] { "quarkus.cloudinary.url", "quarkus.cloudinary.cloud-name",
                "quarkus.cloudinary.api-key", "quarkus.cloudinary.api-secret", "CLOUDINARY_URL",
                "CLOUDINARY_CLOUD_NAME", "CLOUDINARY_API_KEY", "CLOUDINARY_API_SECRET", "Dev Service" }) {
            assertTrue(error.getMessage().contains(name), name + " missing from: " + error.getMessage());
        }
    }

    @Test
    void missingSecretNamesItsPropertyAndVariable() {
        properties.put("quarkus.cloudinary.cloud-name", "c");
        properties.put("quarkus.cloudinary.api-key", "k");
        ConfigurationException error = assertThrows(ConfigurationException.class, this::resolve);
        assertTrue(error.getMessage().contains("API secret is not configured"), error.getMessage());
        assertTrue(error.getMessage().contains("quarkus.cloudinary.api-secret"), error.getMessage());
        assertTrue(error.getMessage().contains("CLOUDINARY_API_SECRET"), error.getMessage());
    }

    @Test
    void malformedEnvironmentUrlNamesTheVariableAndHidesTheSecret() {
        environment.put("CLOUDINARY_URL", "http://k:hunter2@c");
        ConfigurationException error = assertThrows(ConfigurationException.class, this::resolve);
        assertTrue(error.getMessage().startsWith("the environment variable CLOUDINARY_URL is not a valid"),
                error.getMessage());
        assertFalse(error.getMessage().contains("hunter2"), error.getMessage());
    }

    @Test
    void invalidCloudNameProperty() {
        properties.put("quarkus.cloudinary.url", "cloudinary://k:s@c");
        properties.put("quarkus.cloudinary.cloud-name", "my cloud");
        ConfigurationException error = assertThrows(ConfigurationException.class, this::resolve);
        assertTrue(error.getMessage().contains("quarkus.cloudinary.cloud-name"), error.getMessage());
    }

    @Test
    void anyConfiguredSeesASingleVariable() {
        assertFalse(CredentialsResolver.anyConfigured(name -> Optional.empty()));
        assertTrue(CredentialsResolver.anyConfigured(
                name -> name.equals("CLOUDINARY_API_KEY") ? Optional.of("k") : Optional.empty()));
        assertFalse(CredentialsResolver.anyConfigured(
                name -> name.equals("CLOUDINARY_API_KEY") ? Optional.of("  ") : Optional.empty()));
    }
}
