package io.quarkiverse.cloudinary.storage.emulator.model;

import java.util.Optional;

/**
 * Read access to the resource model, all that delivery needs.
 */
@FunctionalInterface
public interface AssetLookup {

    /**
     * @return the current version of the asset with exactly this identity, if stored
     */
    Optional<Asset> find(String cloudName, String resourceType, String type, String publicId);
}
