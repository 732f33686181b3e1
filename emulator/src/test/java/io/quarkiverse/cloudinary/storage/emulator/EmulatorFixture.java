package io.quarkiverse.cloudinary.storage.emulator;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.cloudinary.Api;
import com.cloudinary.Cloudinary;
import com.cloudinary.Uploader;

/**
 * One emulator per test class, reset before each test, and SDK clients configured for it as an application would
 * configure them. Register it as a static {@code @RegisterExtension} field.
 */
final class EmulatorFixture implements AutoCloseable, BeforeEachCallback, AfterAllCallback {

    final CloudinaryEmulator emulator;
    final Cloudinary cloudinary;
    final Uploader uploader;
    final Api api;
    final EmulatorControlClient control;

    EmulatorFixture(CloudinaryEmulator.Builder builder) {
        emulator = builder.build().start();
        cloudinary = client(emulator.account().apiSecret(), Map.of());
        // the SDK builds a new HTTP client on every uploader()/api() call: keep one of each
        uploader = cloudinary.uploader();
        api = cloudinary.api();
        control = new EmulatorControlClient(emulator.baseUrl());
    }

    EmulatorFixture() {
        this(CloudinaryEmulator.builder());
    }

    Cloudinary client(String secret, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>();
        config.put("cloud_name", emulator.account().cloudName());
        config.put("api_key", emulator.account().apiKey());
        config.put("api_secret", secret);
        config.put("upload_prefix", emulator.baseUrl());
        config.put("secure", false);
        config.put("cname", emulator.baseUrl().substring("http://".length()));
        config.putAll(extra);
        return new Cloudinary(config);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        control.reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        emulator.stop();
    }
}
