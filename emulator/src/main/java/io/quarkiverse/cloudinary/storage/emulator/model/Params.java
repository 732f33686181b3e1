package io.quarkiverse.cloudinary.storage.emulator.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Request parameters by name, with every value kept. The forms SDKs send array parameters in &mdash;
 * {@code public_ids[]=a}, {@code public_ids[0]=a} and a repeated {@code public_ids=a} &mdash; all land under the plain
 * name ({@code public_ids}), so query strings, url-encoded bodies and multipart bodies read alike.
 */
public final class Params {

    private static final Pattern ARRAY_SUFFIX = Pattern.compile("\\[\\d*\\]$");

    private final Map<String, List<String>> values;

    public Params(Map<String, List<String>> values) {
        this.values = values;
    }

    public static Params empty() {
        return new Params(new LinkedHashMap<>());
    }

    public Map<String, List<String>> asMap() {
        return values;
    }

    public void add(String name, String value) {
        values.computeIfAbsent(baseName(name), n -> new ArrayList<>()).add(value);
    }

    /** {@code public_ids} for {@code public_ids}, {@code public_ids[]} and {@code public_ids[3]}. */
    public static String baseName(String name) {
        return ARRAY_SUFFIX.matcher(name).replaceFirst("");
    }

    /** The names that carry at least one non-blank value. */
    public Set<String> givenNames() {
        Set<String> names = new LinkedHashSet<>();
        values.forEach((name, list) -> {
            if (list.stream().anyMatch(v -> v != null && !v.isBlank())) {
                names.add(name);
            }
        });
        return names;
    }

    /** The first non-blank value of {@code name}. */
    public Optional<String> get(String name) {
        List<String> list = values.get(name);
        if (list == null) {
            return Optional.empty();
        }
        return list.stream().filter(v -> v != null && !v.isBlank()).findFirst();
    }

    public boolean flag(String name, boolean defaultValue) {
        return get(name).map(v -> v.equals("true") || v.equals("1")).orElse(defaultValue);
    }

    public int integer(String name, int defaultValue) {
        Optional<String> value = get(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.get().trim());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("Invalid " + name + ": " + value.get());
        }
    }

    /** The non-blank values of {@code name}, in the order they came, whatever array form they came in. */
    public List<String> list(String name) {
        List<String> all = new ArrayList<>();
        List<String> list = values.get(name);
        if (list != null) {
            list.stream().filter(v -> v != null && !v.isBlank()).forEach(all::add);
        }
        return all;
    }

    /** A comma-separated list parameter ({@code tags=a,b}), trimmed, without blanks or repeats. */
    public List<String> commaList(String name) {
        List<String> items = new ArrayList<>();
        for (String value : list(name)) {
            for (String item : value.split(",")) {
                String trimmed = item.strip();
                if (!trimmed.isEmpty() && !items.contains(trimmed)) {
                    items.add(trimmed);
                }
            }
        }
        return items;
    }
}
