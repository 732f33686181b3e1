package io.quarkiverse.cloudinary.storage.emulator.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Request parameters by name; {@code key[]} repetitions keep every value. */
public final class Params {

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
        values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
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

    /** Values of {@code name[]} (or {@code name}), in order. */
    public List<String> list(String name) {
        List<String> all = new ArrayList<>();
        for (String key : List.of(name + "[]", name)) {
            List<String> list = values.get(key);
            if (list != null) {
                list.stream().filter(v -> v != null && !v.isBlank()).forEach(all::add);
            }
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
