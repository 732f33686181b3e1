package io.quarkiverse.cloudinary.storage.emulator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The guide's table of endpoints and parameters says what the emulator does: every parameter it implements or accepts
 * switched off is named in it, and every endpoint id it counts requests under is listed for the control endpoints.
 */
class ParameterTableDocumentedTest {

    private static final Path GUIDE = Path.of("..", "docs", "modules", "ROOT", "pages", "emulator.adoc");

    private static String section(String guide, String title) {
        int start = guide.indexOf("\n== " + title + "\n");
        int end = guide.indexOf("\n== ", start + 1);
        return guide.substring(start, end < 0 ? guide.length() : end);
    }

    @Test
    void everyParameterIsInTheTableAndEveryEndpointIdInTheGuide() throws Exception {
        String guide = Files.readString(GUIDE);
        String table = section(guide, "Endpoints and parameters");
        String controls = section(guide, "Control endpoints");
        List<String> missing = new ArrayList<>();
        ParameterTable.table().forEach((endpoint, parameters) -> {
            if (!controls.contains("`" + endpoint + "`")) {
                missing.add("endpoint id " + endpoint);
            }
            // named alone (`exif`) or with the value the table speaks of (`keep_original=true`)
            parameters.keySet().stream().filter(p -> !table.contains("`" + p + "`") && !table.contains("`" + p + "="))
                    .forEach(p -> missing.add(p + " of " + endpoint));
        });
        assertEquals(List.of(), missing, "not in " + GUIDE);
    }
}
