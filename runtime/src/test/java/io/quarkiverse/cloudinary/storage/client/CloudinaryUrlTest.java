package io.quarkiverse.cloudinary.storage.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CloudinaryUrlTest {

    @Test
    void parsesKeySecretAndCloud() {
        CloudinaryUrl url = CloudinaryUrl.parse("cloudinary://123456789012345:abcdEFGH-secret_1@my-cloud");
        assertEquals("my-cloud", url.cloudName());
        assertEquals("123456789012345", url.apiKey());
        assertEquals("abcdEFGH-secret_1", url.apiSecret());
        assertEquals(Map.of(), url.parameters());
    }

    @Test
    void schemeIsCaseInsensitiveAndSurroundingBlanksAreIgnored() {
        CloudinaryUrl url = CloudinaryUrl.parse("  CLOUDINARY://k:s@c  ");
        assertEquals("c", url.cloudName());
    }

    @Test
    void queryParametersBecomeDecodedSdkKeys() {
        CloudinaryUrl url = CloudinaryUrl
                .parse("cloudinary://k:s@c?secure=true&upload_prefix=http%3A%2F%2F127.0.0.1%3A9&x=a+b");
        assertEquals(Map.of("secure", "true", "upload_prefix", "http://127.0.0.1:9", "x", "a b"), url.parameters());
    }

    @Test
    void secretMayContainAtSign() {
        CloudinaryUrl url = CloudinaryUrl.parse("cloudinary://k:s@cret@cloud");
        assertEquals("s@cret", url.apiSecret());
        assertEquals("cloud", url.cloudName());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://k:topsecret@cloud|the scheme is 'https'",
            "k:topsecret@cloud|the scheme is 'k'",
            "cloudinary://k:topsecret|no '@'",
            "cloudinary://:topsecret@cloud|API key is empty",
            "cloudinary://k@cloud|API secret is empty",
            "cloudinary://k:@cloud|API secret is empty",
            "cloudinary://k:topsecret@|cloud name is empty",
            "cloudinary://k:topsecret@cl oud|cloud name contains ' '",
            "cloudinary://k:topsecret@cloud?secure|no key=value form",
            // the query is never quoted: a bare token there may be a secret
            "cloudinary://k:s@cloud?upload_prefix=http://h&topsecret|query parameter number 2 of 2 has no key=value",
            "cloudinary://k:s@cloud?=topsecret|query parameter number 1 of 1 has no key=value",
            "cloudinary://k:s@cloud?auth_token[key]=topsecret%zz|query parameter number 1 of 1 holds a malformed",
            "foo?x=topsecret:y@cloud|the scheme is missing",
    })
    void rejectsMalformedUrlsWithoutEchoingTheSecret(String url, String expected) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> CloudinaryUrl.parse(url));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
        assertFalse(error.getMessage().contains("topsecret"), error.getMessage());
    }

    @Test
    void aPathIsAPrivateCdnDistributionAsForTheSdk() {
        CloudinaryUrl url = CloudinaryUrl.parse("cloudinary://k:s@cloud/cdn.example.com/");
        assertEquals("cloud", url.cloudName());
        assertEquals(Map.of("private_cdn", "true", "secure_distribution", "cdn.example.com"), url.parameters());
    }

    @Test
    void theQueryWinsOverTheRestOfTheUrlAsForTheSdk() {
        CloudinaryUrl url = CloudinaryUrl
                .parse("cloudinary://k:s@cloud/cdn.example.com?private_cdn=false&api_secret=s2&cloud_name=other");
        assertEquals("s2", url.apiSecret());
        assertEquals("other", url.cloudName());
        assertEquals(Map.of("private_cdn", "false", "secure_distribution", "cdn.example.com"), url.parameters());
    }

    @Test
    void valuesKeepEqualSignsAndEmptyValuesSetNothing() {
        CloudinaryUrl url = CloudinaryUrl.parse("cloudinary://k:s@cloud?auth_token[key]=a=b&cname=&&secure=false");
        assertEquals(Map.of("auth_token[key]", "a=b", "secure", "false"), url.parameters());
    }

    @Test
    void toStringHidesTheSecret() {
        String text = CloudinaryUrl.parse("cloudinary://k:topsecret@cloud?auth_token=hidden").toString();
        assertFalse(text.contains("topsecret"), text);
        assertFalse(text.contains("hidden"), text);
        assertTrue(text.contains("cloud"), text);
    }
}
