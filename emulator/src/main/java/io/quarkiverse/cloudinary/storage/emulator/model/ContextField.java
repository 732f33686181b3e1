package io.quarkiverse.cloudinary.storage.emulator.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Upload API's {@code context} field: {@code key=value} pairs separated by {@code |}, where {@code \=} and
 * {@code \|} stand for a literal {@code =} and {@code |}.
 * <p>
 * A backslash before any other character is kept as it is: the SDKs escape only {@code =} and {@code |} (never the
 * backslash itself), so reading {@code \\} as an escape would change values such as Windows paths that clients send
 * verbatim.
 */
public final class ContextField {

    private ContextField() {
    }

    /**
     * @return the pairs in the order given; a later repetition of a key wins; a pair without {@code =} gets an empty
     *         value, one with an empty key is dropped
     */
    public static Map<String, String> parse(String field) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (field == null) {
            return Collections.unmodifiableMap(pairs);
        }
        StringBuilder key = new StringBuilder();
        StringBuilder value = new StringBuilder();
        StringBuilder current = key;
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 1 < field.length() && (field.charAt(i + 1) == '=' || field.charAt(i + 1) == '|')) {
                current.append(field.charAt(++i));
            } else if (c == '|') {
                put(pairs, key, value);
                current = key;
            } else if (c == '=' && current == key) {
                current = value;
            } else {
                // an unescaped '=' inside a value belongs to it: only the first one separates
                current.append(c);
            }
        }
        put(pairs, key, value);
        return Collections.unmodifiableMap(pairs);
    }

    private static void put(Map<String, String> pairs, StringBuilder key, StringBuilder value) {
        if (!key.isEmpty()) {
            pairs.put(key.toString(), value.toString());
        }
        key.setLength(0);
        value.setLength(0);
    }
}
