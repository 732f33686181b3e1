package io.quarkiverse.cloudinary.storage.emulator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** How the Upload API's {@code k=v|k2=v2} field is read, escapes first. */
class ContextFieldTest {

    @Test
    void pairsKeepTheirOrder() {
        Map<String, String> context = ContextField.parse("zeta=1|alpha=2|mid=3");
        assertEquals(List.of("zeta", "alpha", "mid"), List.copyOf(context.keySet()));
        assertEquals(Map.of("zeta", "1", "alpha", "2", "mid", "3"), context);
    }

    @Test
    void escapedSeparatorsAreLiteralInValues() {
        assertEquals(Map.of("formula", "a=b", "choice", "x|y"), ContextField.parse("formula=a\\=b|choice=x\\|y"));
        assertEquals(Map.of("all", "=|=|"), ContextField.parse("all=\\=\\|\\=\\|"));
    }

    @Test
    void escapedSeparatorsAreLiteralInKeys() {
        assertEquals(Map.of("a=b", "1", "c|d", "2"), ContextField.parse("a\\=b=1|c\\|d=2"));
    }

    @Test
    void otherBackslashesStayAsSent() {
        // the SDKs never escape a backslash, so a Windows path arrives as it is
        assertEquals(Map.of("path", "C:\\dir\\file"), ContextField.parse("path=C:\\dir\\file"));
        assertEquals(Map.of("end", "a\\"), ContextField.parse("end=a\\"));
        assertEquals(Map.of("double", "\\\\"), ContextField.parse("double=\\\\"));
    }

    @Test
    void aBackslashBeforeABarAlwaysEscapesIt() {
        // what an SDK sends for the value "a\" followed by another pair: the bar is read as part of the value
        assertEquals(Map.of("k", "a|k2=v"), ContextField.parse("k=a\\|k2=v"));
    }

    @Test
    void onlyTheFirstUnescapedEqualsSeparates() {
        assertEquals(Map.of("url", "https://x.test/?a=1&b=2"), ContextField.parse("url=https://x.test/?a=1&b=2"));
    }

    @Test
    void emptyValuesMissingValuesAndEmptyKeys() {
        assertEquals(Map.of("empty", "", "bare", ""), ContextField.parse("empty=|bare"));
        assertEquals(Map.of("k", "v"), ContextField.parse("|=orphan||k=v|"));
        assertTrue(ContextField.parse("").isEmpty());
        assertTrue(ContextField.parse(null).isEmpty());
    }

    @Test
    void spacesAndNonAsciiAreKept() {
        assertEquals(Map.of(" caption ", " Été à Paris "), ContextField.parse(" caption = Été à Paris "));
    }

    @Test
    void aRepeatedKeyTakesTheLastValue() {
        Map<String, String> context = ContextField.parse("a=1|b=2|a=3");
        assertEquals(Map.of("a", "3", "b", "2"), context);
        assertEquals(List.of("a", "b"), List.copyOf(context.keySet()));
    }

    @Test
    void theResultCannotBeChanged() {
        Map<String, String> context = ContextField.parse("a=1");
        assertThrows(UnsupportedOperationException.class, () -> context.put("b", "2"));
    }
}
