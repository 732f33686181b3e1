package io.quarkiverse.cloudinary.storage.emulator.model;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quarkiverse.cloudinary.storage.emulator.json.Json;

/**
 * The definition of one structured metadata field, as the Admin API's {@code metadata_fields} endpoints take and
 * answer it, and the rules its values follow.
 *
 * @param externalId the field's id, the key of its values in an asset's {@code metadata}
 * @param type {@code string}, {@code integer}, {@code date}, {@code enum} or {@code set}
 * @param label its name for people
 * @param mandatory whether every asset has a value: the default value when none is given
 * @param defaultValue in the value form ({@link String}, {@link Long}, or a {@link List} of entry ids for sets), or
 *        {@code null}
 * @param validation the validation rule as given ({@code strlen}, {@code greater_than}, {@code less_than},
 *        {@code and}), or {@code null}
 * @param datasource the allowed values of enum and set fields; empty for the other types
 * @param restrictions as given ({@code {"readonly_ui": true}}), kept and answered; the emulator has no UI they would
 *        restrict
 */
public record MetadataDefinition(String externalId, String type, String label, boolean mandatory, Object defaultValue,
        Map<String, Object> validation, List<Entry> datasource, Map<String, Object> restrictions) {

    public static final Set<String> TYPES = Set.of("string", "integer", "date", "enum", "set");
    /** The keys a definition may have; any other is refused rather than ignored. */
    public static final Set<String> KEYS = Set.of("type", "external_id", "label", "mandatory", "default_value",
            "validation", "datasource", "restrictions");

    /** One allowed value of an enum or set field. */
    public record Entry(String externalId, String value, String state) {
    }

    public MetadataDefinition {
        datasource = List.copyOf(datasource);
    }

    /**
     * Reads a definition from a request body (already parsed JSON).
     *
     * @param generatedId the external id to use when the request gives none
     * @throws ApiError 400 for anything Cloudinary would refuse, or the emulator does not implement
     */
    public static MetadataDefinition fromRequest(Map<String, Object> body, String generatedId) {
        for (String key : body.keySet()) {
            if (!KEYS.contains(key)) {
                throw ApiError.badRequest("The Cloudinary emulator does not support the metadata field property "
                        + key);
            }
        }
        String type = string(body.get("type"), "type");
        if (type == null) {
            throw ApiError.badRequest("Missing required parameter - type");
        }
        if (!TYPES.contains(type)) {
            // message guessed: Cloudinary's own wording for an unknown type is not documented
            throw ApiError.badRequest("Invalid type " + type + ", must be one of string, integer, date, enum, set");
        }
        String label = string(body.get("label"), "label");
        if (label == null || label.isBlank()) {
            throw ApiError.badRequest("Missing required parameter - label");
        }
        String externalId = string(body.get("external_id"), "external_id");
        if (externalId == null || externalId.isBlank()) {
            externalId = generatedId;
        }
        Object mandatoryValue = body.get("mandatory");
        if (mandatoryValue != null && !(mandatoryValue instanceof Boolean)) {
            throw ApiError.badRequest("mandatory must be true or false");
        }
        boolean mandatory = Boolean.TRUE.equals(mandatoryValue);
        Map<String, Object> validation = object(body.get("validation"), "validation");
        if (validation != null) {
            checkRule(validation, type);
        }
        List<Entry> entries = List.of();
        if (type.equals("enum") || type.equals("set")) {
            Map<String, Object> datasource = object(body.get("datasource"), "datasource");
            if (datasource == null || !(datasource.get("values") instanceof List<?> values) || values.isEmpty()) {
                throw ApiError.badRequest("Missing required parameter - datasource");
            }
            entries = entries(values);
        } else if (body.get("datasource") != null) {
            throw ApiError.badRequest("datasource is only allowed for enum and set fields");
        }
        Map<String, Object> restrictions = object(body.get("restrictions"), "restrictions");
        MetadataDefinition definition = new MetadataDefinition(externalId, type, label, mandatory, null, validation,
                entries, restrictions);
        Object defaultValue = body.get("default_value");
        if (defaultValue != null) {
            try {
                defaultValue = definition.value(defaultValue);
            } catch (ApiError e) {
                throw ApiError.badRequest("default_value is invalid");
            }
        } else if (mandatory) {
            // message guessed: a mandatory field needs a value for the assets uploaded without one
            throw ApiError.badRequest("default_value is required for a mandatory field");
        }
        return new MetadataDefinition(externalId, type, label, mandatory, defaultValue, validation, entries,
                restrictions);
    }

    /** The definition as the Admin API answers it; the journal stores the same form. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", type);
        json.put("external_id", externalId);
        json.put("label", label);
        json.put("mandatory", mandatory);
        json.put("default_value", defaultValue);
        json.put("validation", validation);
        if (type.equals("enum") || type.equals("set")) {
            List<Object> values = new ArrayList<>();
            for (Entry entry : datasource) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("external_id", entry.externalId());
                e.put("value", entry.value());
                e.put("state", entry.state());
                values.add(e);
            }
            json.put("datasource", Map.of("values", values));
        }
        if (restrictions != null) {
            json.put("restrictions", restrictions);
        }
        return json;
    }

    /** Reads back what {@link #toJson()} wrote. */
    @SuppressWarnings("unchecked")
    public static MetadataDefinition fromJson(Map<String, Object> json) {
        List<Entry> entries = new ArrayList<>();
        if (json.get("datasource") instanceof Map<?, ?> datasource && datasource.get("values") instanceof List<?> list) {
            for (Object item : list) {
                Map<String, Object> e = (Map<String, Object>) item;
                entries.add(new Entry((String) e.get("external_id"), (String) e.get("value"), (String) e.get("state")));
            }
        }
        return new MetadataDefinition((String) json.get("external_id"), (String) json.get("type"),
                (String) json.get("label"), Boolean.TRUE.equals(json.get("mandatory")), json.get("default_value"),
                (Map<String, Object>) json.get("validation"), entries, (Map<String, Object>) json.get("restrictions"));
    }

    /**
     * A value as an upload's {@code metadata} field carries it ({@code field=value}): text for string, integer, date
     * and enum fields, {@code ["id1","id2"]} (or a single id) for set fields.
     *
     * @return the stored form
     * @throws ApiError 400 when the value does not fit the field
     */
    public Object parse(String text) {
        if (type.equals("set")) {
            String trimmed = text.strip();
            if (trimmed.startsWith("[")) {
                Object parsed;
                try {
                    parsed = Json.parse(trimmed);
                } catch (IllegalArgumentException e) {
                    throw invalid(text);
                }
                return value(parsed);
            }
            return value(List.of(trimmed));
        }
        if (type.equals("integer")) {
            try {
                return value(Long.parseLong(text.strip()));
            } catch (NumberFormatException e) {
                throw invalid(text);
            }
        }
        return value(text);
    }

    /**
     * Checks a value of the JSON form (as in {@code default_value}) against the type, the datasource and the
     * validation rule.
     *
     * @return the stored form
     */
    Object value(Object given) {
        Object value = switch (type) {
            case "string" -> given instanceof String s ? s : null;
            case "integer" -> given instanceof Long l ? l
                    : given instanceof Double d && d == Math.rint(d) ? Long.valueOf(d.longValue()) : null;
            case "date" -> given instanceof String s && isDate(s) ? s : null;
            case "enum" -> given instanceof String s && activeEntry(s) ? s : null;
            case "set" -> set(given);
            default -> null;
        };
        if (value == null || validation != null && !passes(validation, value)) {
            throw invalid(given);
        }
        return value;
    }

    private Object set(Object given) {
        if (!(given instanceof List<?> list) || list.isEmpty()) {
            return null;
        }
        List<String> ids = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String id) || !activeEntry(id)) {
                return null;
            }
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return Collections.unmodifiableList(ids);
    }

    private boolean activeEntry(String id) {
        return datasource.stream().anyMatch(e -> e.externalId().equals(id) && "active".equals(e.state()));
    }

    private ApiError invalid(Object value) {
        String shown = value instanceof List<?> list ? Json.write(list) : String.valueOf(value);
        // the Java SDK's live tests only assert that the message contains "is not valid for field"
        return ApiError.badRequest("Value " + shown + " is not valid for field " + externalId);
    }

    private static boolean passes(Map<String, Object> rule, Object value) {
        String ruleType = (String) rule.get("type");
        return switch (ruleType) {
            case "and" -> ((List<?>) rule.get("rules")).stream()
                    .allMatch(r -> passes(castMap(r), value));
            case "strlen" -> {
                int length = value.toString().length();
                yield (!(rule.get("min") instanceof Number min) || length >= min.longValue())
                        && (!(rule.get("max") instanceof Number max) || length <= max.longValue());
            }
            case "greater_than", "less_than" -> {
                int order = compare(value, rule.get("value"));
                boolean equals = Boolean.TRUE.equals(rule.get("equals"));
                yield ruleType.equals("greater_than") ? order > 0 || equals && order == 0
                        : order < 0 || equals && order == 0;
            }
            default -> false;
        };
    }

    private static int compare(Object value, Object bound) {
        if (value instanceof Long l && bound instanceof Number n) {
            return Double.compare(l.doubleValue(), n.doubleValue());
        }
        return LocalDate.parse(value.toString()).compareTo(LocalDate.parse(bound.toString()));
    }

    private static void checkRule(Map<String, Object> rule, String fieldType) {
        Object ruleType = rule.get("type");
        boolean fits = switch (String.valueOf(ruleType)) {
            case "and" -> rule.get("rules") instanceof List<?> rules && !rules.isEmpty() && rules.stream()
                    .allMatch(r -> r instanceof Map<?, ?>);
            case "strlen" -> fieldType.equals("string")
                    && (rule.get("min") == null || rule.get("min") instanceof Number)
                    && (rule.get("max") == null || rule.get("max") instanceof Number);
            case "greater_than", "less_than" -> fieldType.equals("integer") && rule.get("value") instanceof Number
                    || fieldType.equals("date") && rule.get("value") instanceof String s && isDate(s);
            default -> false;
        };
        if (!fits) {
            // message guessed
            throw ApiError.badRequest("Invalid validation " + Json.write(rule) + " for a " + fieldType + " field");
        }
        if ("and".equals(ruleType)) {
            for (Object r : (List<?>) rule.get("rules")) {
                checkRule(castMap(r), fieldType);
            }
        }
    }

    private static List<Entry> entries(List<?> values) {
        List<Entry> entries = new ArrayList<>();
        int generated = 0;
        for (Object item : values) {
            Map<String, Object> e = object(item, "datasource value");
            String value = e == null ? null : string(e.get("value"), "datasource value");
            if (value == null) {
                throw ApiError.badRequest("Missing required parameter - datasource value");
            }
            String id = string(e.get("external_id"), "datasource external_id");
            if (id == null || id.isBlank()) {
                do {
                    id = "entry_" + (++generated);
                } while (contains(entries, id) || containsGiven(values, id));
            }
            if (contains(entries, id)) {
                throw ApiError.badRequest("external id " + id + " already exists");
            }
            entries.add(new Entry(id, value, "active"));
        }
        return entries;
    }

    private static boolean contains(List<Entry> entries, String id) {
        return entries.stream().anyMatch(e -> e.externalId().equals(id));
    }

    private static boolean containsGiven(List<?> values, String id) {
        return values.stream().anyMatch(v -> v instanceof Map<?, ?> m && id.equals(m.get("external_id")));
    }

    private static boolean isDate(String s) {
        try {
            LocalDate.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String string(Object value, String name) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw ApiError.badRequest(name + " must be a string");
    }

    private static Map<String, Object> object(Object value, String name) {
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?>) {
            return castMap(value);
        }
        throw ApiError.badRequest(name + " must be an object");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object map) {
        return (Map<String, Object>) map;
    }
}
