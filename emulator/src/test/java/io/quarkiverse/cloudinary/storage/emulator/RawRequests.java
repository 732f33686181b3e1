package io.quarkiverse.cloudinary.storage.emulator;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Upload API requests written by hand, for what the Java SDK never sends but other clients do. */
final class RawRequests {

    private RawRequests() {
    }

    /** A signed multipart Upload API call written by hand, as SDKs other than Java's may write it. */
    static HttpResponse<String> signedMultipart(EmulatorFixture fixture, String resourceType, String action,
            Map<String, String> fields,
            String arrayName, List<String> values, String form) throws Exception {
        Map<String, Object> toSign = new TreeMap<>(fields);
        // as Cloudinary signs: the file is left out, array values are joined with commas
        toSign.remove("file");
        toSign.put(arrayName, String.join(",", values));
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        toSign.put("timestamp", timestamp);
        String signature = fixture.cloudinary.apiSignRequest(toSign, fixture.emulator.account().apiSecret());
        Map<String, String> parts = new LinkedHashMap<>(fields);
        parts.put("timestamp", timestamp);
        parts.put("signature", signature);
        parts.put("api_key", fixture.emulator.account().apiKey());
        String boundary = "----array-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<String[]> all = new ArrayList<>();
        parts.forEach((k, v) -> all.add(new String[] { k, v }));
        for (int i = 0; i < values.size(); i++) {
            all.add(new String[] { ArrayParametersConformanceTest.key(form, arrayName, i), values.get(i) });
        }
        for (String[] part : all) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part[0] + "\"\r\n\r\n"
                    + part[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(fixture.emulator.baseUrl() + "/v1_1/"
                + fixture.emulator.account().cloudName() + "/" + resourceType + "/" + action))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

}
