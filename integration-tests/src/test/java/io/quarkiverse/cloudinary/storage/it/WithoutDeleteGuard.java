package io.quarkiverse.cloudinary.storage.it;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * For tests of how cleanups list, batch, retry and stop: their accounts are made mostly of orphans, which the guard
 * would rightly refuse to delete in one run. The guard's own tests run with the defaults.
 */
public class WithoutDeleteGuard implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.cloudinary.orphans.max-deletes", "1000000",
                "quarkus.cloudinary.orphans.max-delete-ratio", "1",
                "quarkus.cloudinary.static.cleanup.max-deletes", "1000000",
                "quarkus.cloudinary.static.cleanup.max-delete-ratio", "1");
    }
}
