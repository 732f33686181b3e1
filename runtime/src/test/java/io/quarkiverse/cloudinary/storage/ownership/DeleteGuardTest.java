package io.quarkiverse.cloudinary.storage.ownership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.ConfigurationException;

class DeleteGuardTest {

    private final DeleteGuard defaults = new DeleteGuard(1000, 0.5, "quarkus.cloudinary.orphans",
            "is the application pointed at the right database?");

    @Test
    void routineRunsPass() {
        assertEquals(Optional.empty(), defaults.refusal(0, 0, OptionalLong.empty()));
        assertEquals(Optional.empty(), defaults.refusal(0, 5_000, OptionalLong.empty()));
        assertEquals(Optional.empty(), defaults.refusal(10, 100, OptionalLong.empty()));
        assertEquals(Optional.empty(), defaults.refusal(50, 100, OptionalLong.empty()), "exactly half is allowed");
        assertEquals(Optional.empty(), defaults.refusal(1000, 10_000, OptionalLong.empty()));
    }

    @Test
    void anEmptyDatabaseTripsTheRatio() {
        String why = defaults.refusal(3, 3, OptionalLong.empty()).orElseThrow();
        assertTrue(why.contains("3 of the 3 files it owns (100%)") && why.contains("max-delete-ratio (50%)"), why);
        assertTrue(why.contains("Nothing was deleted") && why.contains("confirm the exact number (3)"), why);
        assertTrue(why.contains("is the application pointed at the right database?"), why);
    }

    @Test
    void tooManyDeletesTripTheMaximum() {
        String why = defaults.refusal(1001, 100_000, OptionalLong.empty()).orElseThrow();
        assertTrue(why.contains("1001 files, more than quarkus.cloudinary.orphans.max-deletes (1000)"), why);
    }

    @Test
    void onlyTheExactNumberConfirms() {
        assertEquals(Optional.empty(), defaults.refusal(3, 3, OptionalLong.of(3)));
        assertEquals(Optional.empty(), defaults.refusal(5_000, 5_000, OptionalLong.of(5_000)));
        String why = defaults.refusal(4, 4, OptionalLong.of(3)).orElseThrow();
        assertTrue(why.contains("would delete 4 files, not the 3 that were confirmed"), why);
        assertEquals(3, defaults.admitted(OptionalLong.of(3)));
        assertEquals(1000, defaults.admitted(OptionalLong.empty()));
    }

    @Test
    void aRatioOfOneSwitchesTheRatioOff() {
        DeleteGuard noRatio = new DeleteGuard(1000, 1, "p", "why?");
        assertEquals(Optional.empty(), noRatio.refusal(999, 999, OptionalLong.empty()));
        assertTrue(noRatio.refusal(1001, 1001, OptionalLong.empty()).isPresent());
    }

    @Test
    void nonsenseSettingsFailNamingTheProperty() {
        ConfigurationException ratio = assertThrows(ConfigurationException.class, () -> new DeleteGuard(1, 1.5, "p.q", "why?"));
        assertTrue(ratio.getMessage().contains("p.q.max-delete-ratio"), ratio.getMessage());
        ConfigurationException max = assertThrows(ConfigurationException.class, () -> new DeleteGuard(-1, 0.5, "p.q", "why?"));
        assertTrue(max.getMessage().contains("p.q.max-deletes"), max.getMessage());
    }
}
