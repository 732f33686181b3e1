package io.quarkiverse.cloudinary.storage.emulator.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;

import io.quarkiverse.cloudinary.storage.emulator.model.Params;

/** Decodes query strings and url-encoded bodies; {@code +} is a space, bare keys have an empty value. */
final class FormDecoder {

    private FormDecoder() {
    }

    static Params decode(String encoded) {
        return decodeInto(Params.empty(), encoded);
    }

    static Params decodeInto(Params params, String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            params.add(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    static Params empty() {
        return new Params(new LinkedHashMap<>());
    }
}
