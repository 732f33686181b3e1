package io.quarkiverse.cloudinary.storage.emulator;

import static io.quarkiverse.cloudinary.storage.emulator.UploadApiConformanceTest.options;
import static io.quarkiverse.cloudinary.storage.emulator.UploadApiConformanceTest.png;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.cloudinary.api.ApiResponse;
import com.cloudinary.api.exceptions.BadRequest;
import com.cloudinary.api.exceptions.NotFound;
import com.cloudinary.metadata.DateMetadataField;
import com.cloudinary.metadata.IntMetadataField;
import com.cloudinary.metadata.MetadataDataSource;
import com.cloudinary.metadata.MetadataField;
import com.cloudinary.metadata.MetadataFieldType;
import com.cloudinary.metadata.MetadataValidation;
import com.cloudinary.metadata.SetMetadataField;
import com.cloudinary.metadata.StringMetadataField;

/**
 * Structured metadata through the official SDK: field definitions (string, integer, date, enum, set), values set on
 * upload, explicit, the Admin API's update and the {@code metadata} action, answered in details and listings, and
 * refused when they do not fit their field.
 */
class MetadataConformanceTest {

    @RegisterExtension
    static final EmulatorFixture fixture = new EmulatorFixture();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<?, ?> asset) {
        return (Map<String, Object>) asset.get("metadata");
    }

    private static <F extends MetadataField<?>> F field(F field, String externalId) {
        field.setExternalId(externalId);
        field.setLabel("Label of " + externalId);
        return field;
    }

    private static MetadataDataSource datasource(String... idsAndValues) {
        List<MetadataDataSource.Entry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < idsAndValues.length; i += 2) {
            entries.add(new MetadataDataSource.Entry(idsAndValues[i], idsAndValues[i + 1]));
        }
        return new MetadataDataSource(entries);
    }

    /** caption (string, 3 to 9 characters), count (integer below 100), due (date), color (enum), sizes (set). */
    private static void defineFields() throws Exception {
        StringMetadataField caption = field(new StringMetadataField(), "caption");
        caption.setValidation(new MetadataValidation.StringLength(3, 9));
        fixture.api.addMetadataField(caption);
        IntMetadataField count = field(new IntMetadataField(), "count");
        count.setValidation(new MetadataValidation.IntLessThan(100));
        fixture.api.addMetadataField(count);
        fixture.api.addMetadataField(field(new DateMetadataField(), "due"));
        MetadataField<String> color = field(new MetadataField<String>(MetadataFieldType.ENUM), "color");
        color.setDataSource(datasource("red", "Red", "blue", "Blue"));
        fixture.api.addMetadataField(color);
        SetMetadataField sizes = field(new SetMetadataField(), "sizes");
        sizes.setDataSource(datasource("s", "Small", "m", "Medium", "l", "Large"));
        fixture.api.addMetadataField(sizes);
    }

    private static Map<String, Object> allFive() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("caption", "hello");
        values.put("count", 42);
        values.put("due", "2026-05-01");
        values.put("color", "red");
        values.put("sizes", List.of("s", "m"));
        return values;
    }

    @Test
    void fieldDefinitionsAreStoredListedAndDeleted() throws Exception {
        StringMetadataField caption = field(new StringMetadataField(), "caption");
        caption.setValidation(new MetadataValidation.StringLength(3, 9));
        ApiResponse added = fixture.api.addMetadataField(caption);
        assertEquals("string", added.get("type"));
        assertEquals("caption", added.get("external_id"));
        assertEquals("Label of caption", added.get("label"));
        assertEquals(Boolean.FALSE, added.get("mandatory"));
        assertTrue(added.containsKey("default_value"));
        assertNull(added.get("default_value"));
        assertEquals(Map.of("type", "strlen", "min", 3, "max", 9), added.get("validation"));

        MetadataField<String> color = field(new MetadataField<String>(MetadataFieldType.ENUM), "color");
        color.setDataSource(datasource("red", "Red", "blue", "Blue"));
        ApiResponse colorAnswer = fixture.api.addMetadataField(color);
        assertEquals(Map.of("values", List.of(Map.of("external_id", "red", "value", "Red", "state", "active"),
                Map.of("external_id", "blue", "value", "Blue", "state", "active"))), colorAnswer.get("datasource"));

        StringMetadataField unnamed = new StringMetadataField();
        unnamed.setLabel("No id given");
        String generated = (String) fixture.api.addMetadataField(unnamed).get("external_id");
        assertTrue(generated != null && !generated.isBlank());

        List<?> listed = (List<?>) fixture.api.listMetadataFields().get("metadata_fields");
        assertEquals(List.of("caption", "color", generated),
                listed.stream().map(f -> ((Map<?, ?>) f).get("external_id")).toList());
        assertEquals("Label of color", fixture.api.metadataFieldByFieldId("color").get("label"));

        BadRequest duplicate = assertThrows(BadRequest.class, () -> fixture.api.addMetadataField(caption));
        assertEquals("external id caption already exists", duplicate.getMessage());

        assertEquals("ok", fixture.api.deleteMetadataField("caption").get("message"));
        assertThrows(NotFound.class, () -> fixture.api.metadataFieldByFieldId("caption"));
        assertThrows(NotFound.class, () -> fixture.api.deleteMetadataField("caption"));
    }

    @Test
    void definitionsAreValidated() throws Exception {
        IntMetadataField small = field(new IntMetadataField(), "small");
        small.setValidation(new MetadataValidation.IntLessThan(5, true));
        small.setDefaultValue(6);
        BadRequest invalidDefault = assertThrows(BadRequest.class, () -> fixture.api.addMetadataField(small));
        assertEquals("default_value is invalid", invalidDefault.getMessage());
        small.setDefaultValue(5);
        assertEquals(5, fixture.api.addMetadataField(small).get("default_value"));

        SetMetadataField noValues = field(new SetMetadataField(), "empty-set");
        assertThrows(BadRequest.class, () -> fixture.api.addMetadataField(noValues));

        StringMetadataField odd = field(new StringMetadataField(), "odd");
        odd.put("searchable", true);
        BadRequest unknown = assertThrows(BadRequest.class, () -> fixture.api.addMetadataField(odd));
        assertEquals("The Cloudinary emulator does not support the metadata field property searchable",
                unknown.getMessage());
    }

    @Test
    void valuesAreSetOnUploadAndAnsweredInDetailsAndListings() throws Exception {
        defineFields();
        Map<?, ?> uploaded = fixture.uploader.upload(png(2, 2), options("public_id", "meta/a", "metadata", allFive()));
        Map<String, Object> expected = new LinkedHashMap<>(allFive());
        assertEquals(expected, metadata(uploaded));
        assertEquals(42, metadata(uploaded).get("count"), "an integer field answers a number");
        assertEquals(expected, metadata(fixture.api.resource("meta/a", options())));

        List<?> listed = (List<?>) fixture.api.resources(options("prefix", "meta/", "metadata", true))
                .get("resources");
        assertEquals(expected, metadata((Map<?, ?>) listed.get(0)));
        List<?> plain = (List<?>) fixture.api.resources(options("prefix", "meta/")).get("resources");
        assertFalse(((Map<?, ?>) plain.get(0)).containsKey("metadata"), "only when asked");
        assertFalse(fixture.uploader.upload(png(2, 2), options("public_id", "meta/none")).containsKey("metadata"));

        Map<?, ?> renamed = fixture.uploader.rename("meta/a", "meta/b", options("metadata", true));
        assertEquals(expected, metadata(renamed));
        assertFalse(fixture.uploader.rename("meta/b", "meta/a", options()).containsKey("metadata"));
    }

    @Test
    void explicitUpdateAndTheMetadataActionChangeOnlyTheFieldsGiven() throws Exception {
        defineFields();
        fixture.uploader.upload(png(2, 2), options("public_id", "m", "metadata", Map.of("caption", "first",
                "count", 1)));
        Map<?, ?> explicit = fixture.uploader.explicit("m", options("type", "upload", "metadata",
                Map.of("count", 7)));
        assertEquals(Map.of("caption", "first", "count", 7), metadata(explicit));

        ApiResponse updated = fixture.api.update("m", options("metadata", Map.of("color", "blue")));
        assertEquals(Map.of("caption", "first", "count", 7, "color", "blue"), metadata(updated));

        fixture.uploader.upload(png(2, 2), options("public_id", "m", "type", "private"));
        Map<?, ?> action = fixture.uploader.updateMetadata(Map.of("sizes", List.of("l")),
                new String[] { "m", "missing" }, options());
        assertEquals(List.of("m"), action.get("public_ids"));
        assertEquals(List.of("l"), metadata(fixture.api.resource("m", options())).get("sizes"));
        assertFalse(fixture.api.resource("m", options("type", "private")).containsKey("metadata"),
                "the private asset of the same public id is another asset");
        Map<?, ?> privateAction = fixture.uploader.updateMetadata(Map.of("caption", "hidden"), new String[] { "m" },
                options("type", "private"));
        assertEquals(List.of("m"), privateAction.get("public_ids"));
        assertEquals(Map.of("caption", "hidden"), metadata(fixture.api.resource("m", options("type", "private"))));

        fixture.uploader.updateMetadata(Map.of("caption", ""), new String[] { "m" }, options());
        assertFalse(metadata(fixture.api.resource("m", options())).containsKey("caption"), "an empty value clears");
    }

    @Test
    void valuesThatDoNotFitTheirFieldAreRefused() throws Exception {
        defineFields();
        Map<String, Object> cases = new LinkedHashMap<>();
        cases.put("count", "abc");
        cases.put("caption", "ab");
        cases.put("color", "green");
        cases.put("due", "May 1st");
        for (Map.Entry<String, Object> c : cases.entrySet()) {
            RuntimeException refused = assertThrows(RuntimeException.class, () -> fixture.uploader.upload(png(2, 2),
                    options("public_id", "bad", "metadata", Map.of(c.getKey(), c.getValue()))));
            assertEquals("Value " + c.getValue() + " is not valid for field " + c.getKey(), refused.getMessage());
        }
        RuntimeException tooBig = assertThrows(RuntimeException.class, () -> fixture.uploader.upload(png(2, 2),
                options("public_id", "bad", "metadata", Map.of("count", 100))));
        assertTrue(tooBig.getMessage().contains("is not valid for field count"), tooBig.getMessage());
        RuntimeException set = assertThrows(RuntimeException.class, () -> fixture.uploader.upload(png(2, 2),
                options("public_id", "bad", "metadata", Map.of("sizes", List.of("s", "xl")))));
        assertEquals("Value [\"s\",\"xl\"] is not valid for field sizes", set.getMessage());
        RuntimeException unknown = assertThrows(RuntimeException.class, () -> fixture.uploader.upload(png(2, 2),
                options("public_id", "bad", "metadata", Map.of("nope", "x"))));
        assertEquals("Metadata field nope does not exist", unknown.getMessage());
        assertThrows(NotFound.class, () -> fixture.api.resource("bad", options()), "nothing was stored");

        fixture.uploader.upload(png(2, 2), options("public_id", "good"));
        RuntimeException explicit = assertThrows(RuntimeException.class, () -> fixture.uploader.explicit("good",
                options("type", "upload", "metadata", Map.of("caption", "12"))));
        assertTrue(explicit.getMessage().contains("is not valid for field"), explicit.getMessage());
        BadRequest update = assertThrows(BadRequest.class,
                () -> fixture.api.update("good", options("metadata", Map.of("color", "pink"))));
        assertEquals("Value pink is not valid for field color", update.getMessage());
    }

    @Test
    void mandatoryFieldsTakeTheirDefaultAndDeletedFieldsLeaveAssets() throws Exception {
        StringMetadataField owner = field(new StringMetadataField(), "owner");
        owner.setMandatory(true);
        owner.setDefaultValue("nobody");
        fixture.api.addMetadataField(owner);
        assertEquals(Map.of("owner", "nobody"), metadata(fixture.uploader.upload(png(2, 2), options("public_id",
                "d"))));
        assertEquals(Map.of("owner", "ana"), metadata(fixture.uploader.upload(png(2, 2), options("public_id", "e",
                "metadata", Map.of("owner", "ana")))));
        fixture.api.deleteMetadataField("owner");
        assertFalse(fixture.api.resource("e", options()).containsKey("metadata"));
    }

    @Test
    void definitionsAndValuesSurviveARestart(@TempDir Path dir) throws Exception {
        try (EmulatorFixture first = new EmulatorFixture(CloudinaryEmulator.builder().dataDirectory(dir))) {
            SetMetadataField sizes = field(new SetMetadataField(), "sizes");
            sizes.setDataSource(datasource("s", "Small", "m", "Medium"));
            first.api.addMetadataField(sizes);
            IntMetadataField count = field(new IntMetadataField(), "count");
            first.api.addMetadataField(count);
            first.uploader.upload(png(2, 2), options("public_id", "kept", "metadata", Map.of("sizes", List.of("m",
                    "s"), "count", 3)));
        }
        try (EmulatorFixture second = new EmulatorFixture(CloudinaryEmulator.builder().dataDirectory(dir))) {
            assertEquals(Map.of("sizes", List.of("m", "s"), "count", 3), metadata(second.api.resource("kept",
                    options())));
            assertEquals(2, ((List<?>) second.api.listMetadataFields().get("metadata_fields")).size());
            assertEquals("Medium", ((Map<?, ?>) ((List<?>) ((Map<?, ?>) second.api.metadataFieldByFieldId("sizes")
                    .get("datasource")).get("values")).get(1)).get("value"));
        }
    }
}
