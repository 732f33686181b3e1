package io.quarkiverse.cloudinary.storage.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.cloudinary.Cloudinary;
import com.cloudinary.Transformation;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * The Cloudinary URL's query parameters mean what they mean to the SDK, unless a property of this extension sets the
 * same thing. Each case compares the URLs this extension's client renders with those the SDK renders from the same
 * {@code CLOUDINARY_URL} on its own.
 */
class CloudinarySettingsTest {

    /** The line the standalone emulator prints for any SDK. */
    private static final String ANY_SDK = "cloudinary://123456789012345:emulator-secret@demo-cloud"
            + "?upload_prefix=http://127.0.0.1:8089&cname=127.0.0.1:8089&secure=false";

    private final Map<String, String> properties = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();
    private PoolingHttpClientConnectionManager pool;

    @AfterEach
    void closePool() {
        if (pool != null) {
            pool.shutdown();
        }
    }

    private CloudinarySettings settings() {
        return CloudinarySettings.from(RuntimeConfigs.of(properties), name -> Optional.ofNullable(environment.get(name)));
    }

    private Cloudinary client() {
        CloudinarySettings settings = settings();
        pool = CloudinaryClientFactory.connectionManager(settings);
        return CloudinaryClientFactory.create(settings, pool);
    }

    /** What the SDK alone makes of the same URL, analytics off as in this extension. */
    private static Cloudinary sdkAlone(String url) {
        Cloudinary sdk = new Cloudinary(url);
        sdk.config.analytics = false;
        return sdk;
    }

    private static String image(Cloudinary client) {
        return client.url().transformation(new Transformation<>().width(100).crop("fill")).format("jpg")
                .generate("dir/cat");
    }

    @Test
    void theEmulatorsAnySdkLineSendsCallsAndDeliveryToTheEmulator() {
        environment.put("CLOUDINARY_URL", ANY_SDK);
        Cloudinary client = client();
        assertEquals("http://127.0.0.1:8089", client.config.uploadPrefix);
        assertEquals("http://127.0.0.1:8089/demo-cloud/image/upload/c_fill,w_100/v1/dir/cat.jpg", image(client));
        assertEquals(image(sdkAlone(ANY_SDK)), image(client));
        CloudinarySettings settings = settings();
        assertEquals(Optional.of(URI.create("http://127.0.0.1:8089")), settings.apiBaseUrl());
        assertEquals(Optional.of(URI.create("http://127.0.0.1:8089")), settings.deliveryBaseUrl());
        assertFalse(settings.secureDelivery());
    }

    @Test
    void theSameLineAsTheUrlProperty() {
        properties.put("quarkus.cloudinary.url", ANY_SDK);
        assertEquals("http://127.0.0.1:8089/demo-cloud/image/upload/c_fill,w_100/v1/dir/cat.jpg", image(client()));
    }

    @Test
    void secureDistributionAndPrivateCdnAsTheSdkRendersThem() {
        String url = "cloudinary://k:s@cloud?secure=true&secure_distribution=img.example.com&private_cdn=true";
        environment.put("CLOUDINARY_URL", url);
        assertEquals("https://img.example.com/image/upload/c_fill,w_100/v1/dir/cat.jpg", image(client()));
        assertEquals(image(sdkAlone(url)), image(client()));
    }

    @Test
    void aPathIsAPrivateDistributionAsForTheSdk() {
        String url = "cloudinary://k:s@cloud/cdn.example.com?secure=true";
        environment.put("CLOUDINARY_URL", url);
        assertEquals("https://cdn.example.com/image/upload/c_fill,w_100/v1/dir/cat.jpg", image(client()));
        assertEquals(image(sdkAlone(url)), image(client()));
    }

    @Test
    void cdnSubdomainShardsAsForTheSdk() {
        String url = "cloudinary://k:s@cloud?cname=media.example.com&cdn_subdomain=true&secure=false";
        environment.put("CLOUDINARY_URL", url);
        assertTrue(image(client()).matches("http://a\\d\\.media\\.example\\.com/cloud/image/upload/.*"),
                image(client()));
        assertEquals(image(sdkAlone(url)), image(client()));
    }

    @Test
    void aCnameAloneMeansPlainHttpOnThatHostAsForTheSdk() {
        String url = "cloudinary://k:s@cloud?cname=media.example.com";
        environment.put("CLOUDINARY_URL", url);
        assertEquals("http://media.example.com/cloud/image/upload/c_fill,w_100/v1/dir/cat.jpg", image(client()));
        assertEquals(image(sdkAlone(url)), image(client()));
    }

    @Test
    void withoutDeliveryParametersUrlsUseHttpsOnCloudinary() {
        environment.put("CLOUDINARY_URL", "cloudinary://k:s@cloud");
        assertEquals("https://res.cloudinary.com/cloud/image/upload/c_fill,w_100/v1/dir/cat.jpg", image(client()));
        assertTrue(settings().secureDelivery());
    }

    @Test
    void propertiesWinOverTheSameParameters() {
        environment.put("CLOUDINARY_URL", ANY_SDK + "&signature_algorithm=SHA256&timeout=7");
        properties.put("quarkus.cloudinary.api-base-url", "http://127.0.0.1:9999");
        properties.put("quarkus.cloudinary.delivery-base-url", "https://cdn.example.test");
        properties.put("quarkus.cloudinary.signature-algorithm", "sha1");
        properties.put("quarkus.cloudinary.http.read-timeout", "20s");
        Cloudinary client = client();
        assertEquals("http://127.0.0.1:9999", client.config.uploadPrefix);
        assertEquals("https://cdn.example.test/demo-cloud/image/upload/c_fill,w_100/v1/dir/cat.jpg", image(client));
        assertEquals("SHA1", client.config.signatureAlgorithm.name());
        CloudinarySettings settings = settings();
        assertEquals(Duration.ofSeconds(20), settings.readTimeout());
        assertEquals(Duration.ofSeconds(7), settings.connectTimeout(), "the URL's timeout where no property says");
    }

    @Test
    void theSecureProperty() {
        environment.put("CLOUDINARY_URL", ANY_SDK);
        properties.put("quarkus.cloudinary.secure", "true");
        // as for the SDK, https ignores the cname
        assertEquals("https://res.cloudinary.com/demo-cloud/image/upload/c_fill,w_100/v1/dir/cat.jpg",
                image(client()));
    }

    @Test
    void urlParametersTheExtensionHasNoPropertyForReachTheSdk() {
        environment.put("CLOUDINARY_URL", "cloudinary://k:topsecret@cloud?signature_algorithm=sha256&long_url_signature=true"
                + "&force_version=false&timeout=7&proxy_host=127.0.0.1&proxy_port=3128&auth_token[key]=abcd");
        Cloudinary client = client();
        assertEquals("SHA256", client.config.signatureAlgorithm.name(), "in any case, as the property takes it");
        assertTrue(client.config.longUrlSignature);
        assertFalse(client.config.forceVersion);
        assertEquals("127.0.0.1", client.config.proxyHost);
        assertEquals(3128, client.config.proxyPort);
        assertEquals("abcd", client.config.authToken.asMap().get("key"));
        assertEquals(0, client.config.timeout, "the pool applies the URL's timeout to every call instead");
        CloudinarySettings settings = settings();
        assertEquals(Duration.ofSeconds(7), settings.readTimeout());
        assertEquals("127.0.0.1:3128", settings.proxy().orElseThrow().toHostString());
        assertFalse(settings.toString().contains("abcd"), settings.toString());
        assertFalse(settings.toString().contains("topsecret"), settings.toString());
    }

    @Test
    void thePropertyUrlWinsOverTheVariablesParameters() {
        environment.put("CLOUDINARY_URL", "cloudinary://k:s@cloud?cname=env.example.com&secure=false");
        properties.put("quarkus.cloudinary.url", "cloudinary://k:s@cloud?cname=prop.example.com");
        assertTrue(image(client()).startsWith("http://prop.example.com/cloud/"), image(client()));
    }

    @Test
    void badParameterValuesAreRefusedWithoutEchoingThem() {
        environment.put("CLOUDINARY_URL", "cloudinary://k:s@cloud?upload_prefix=ftp://topsecret");
        ConfigurationException prefix = assertThrows(ConfigurationException.class, this::settings);
        assertTrue(prefix.getMessage().contains("upload_prefix"), prefix.getMessage());
        assertFalse(prefix.getMessage().contains("topsecret"), prefix.getMessage());

        environment.put("CLOUDINARY_URL", "cloudinary://k:s@cloud?signature_algorithm=md5topsecret");
        ConfigurationException algorithm = assertThrows(ConfigurationException.class, this::settings);
        assertTrue(algorithm.getMessage().contains("SHA1 or SHA256"), algorithm.getMessage());
        assertFalse(algorithm.getMessage().contains("topsecret"), algorithm.getMessage());
    }

    @Test
    void theDeadlineMustBePositive() {
        environment.put("CLOUDINARY_URL", "cloudinary://k:s@cloud");
        properties.put("quarkus.cloudinary.http.deadline", "0s");
        ConfigurationException error = assertThrows(ConfigurationException.class, this::settings);
        assertTrue(error.getMessage().contains("quarkus.cloudinary.http.deadline"), error.getMessage());
    }
}
