package io.quarkiverse.cloudinary.storage.emulator.delivery;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One transformation step of a delivery URL ({@code c_fill,g_north,h_200,w_200}): its pairs by key. Steps are told
 * apart from folders by their keys, not their shape, because a folder such as {@code my_folder} looks like a pair.
 */
record TransformStep(String raw, Map<String, String> params) {

    /** Keys Cloudinary's URL API knows; a segment using any other key is not a transformation. */
    private static final Set<String> KEYS = Set.of("a", "ac", "af", "ar", "b", "bo", "br", "c", "co", "cs", "d", "dl",
            "dn", "dpr", "du", "e", "eo", "f", "fl", "fn", "fps", "g", "h", "if", "ki", "l", "o", "p", "pg", "q", "r",
            "so", "sp", "t", "u", "vc", "vs", "w", "x", "y", "z");

    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d*)?|\\.\\d+");
    // auto widths, user variables and arithmetic on the built-in ones (iw_mul_0.5)
    private static final Pattern SYMBOLIC = Pattern.compile(
            "auto(:[\\w.:]*)?|\\$\\w+|(iw|ih|w|h|ar|iar|aw|ah|cw|ch|fn|pg|pc|dpr|\\$\\w+)(_(add|sub|mul|div|mod|pow)_[\\w.$]+)*");

    /** What a path segment turned out to be. */
    sealed interface Parsed permits Valid, NotAStep, Invalid {
    }

    record Valid(TransformStep step) implements Parsed {
    }

    record NotAStep() implements Parsed {
    }

    /** Every key is known but a value is not acceptable: a malformed transformation, or a folder named like one. */
    record Invalid(String message) implements Parsed {
    }

    static Parsed parse(String rawSegment) {
        // HTTP clients may re-encode the commas the SDK leaves bare; Cloudinary reads both alike
        String segment = rawSegment.replace("%2C", ",").replace("%2c", ",");
        if (segment.isEmpty()) {
            return new NotAStep();
        }
        Map<String, String> params = new LinkedHashMap<>();
        String invalid = null;
        for (String pair : segment.split(",", -1)) {
            int us = pair.indexOf('_');
            if (us <= 0) {
                return new NotAStep();
            }
            String key = pair.substring(0, us);
            String value = pair.substring(us + 1);
            if (!KEYS.contains(key) && !(key.startsWith("$") && key.length() > 1)) {
                return new NotAStep();
            }
            if (invalid == null) {
                invalid = check(key, value);
            }
            params.put(key, value);
        }
        return invalid != null ? new Invalid(invalid)
                : new Valid(new TransformStep(segment, Collections.unmodifiableMap(params)));
    }

    private static String check(String key, String value) {
        return switch (key) {
            case "w" -> dimension(value) ? null : "Invalid width in transformation: " + value;
            case "h" -> dimension(value) ? null : "Invalid height in transformation: " + value;
            case "x", "y" -> dimension(value) || value.matches("-\\d+(\\.\\d*)?")
                    ? null
                    : "Invalid " + key + " in transformation: " + value;
            case "dpr" -> NUMBER.matcher(value).matches() || value.equals("auto") ? null
                    : "Invalid dpr in transformation: " + value;
            default -> value.isEmpty() ? "Invalid transformation component - " + key + "_" : null;
        };
    }

    private static boolean dimension(String value) {
        return NUMBER.matcher(value).matches() || SYMBOLIC.matcher(value).matches();
    }

    String get(String key) {
        return params.get(key);
    }

    /**
     * A pixel size from {@code w}/{@code h}: integers are pixels, a decimal up to 1 is a fraction of {@code base};
     * {@code null} for absent or symbolic values the emulator cannot evaluate.
     */
    Double size(String key, int base) {
        String v = params.get(key);
        if (v == null || !NUMBER.matcher(v).matches()) {
            return null;
        }
        double d = Double.parseDouble(v);
        if (d <= 0) {
            return null;
        }
        return v.contains(".") && d <= 1.0 ? d * base : d;
    }
}
