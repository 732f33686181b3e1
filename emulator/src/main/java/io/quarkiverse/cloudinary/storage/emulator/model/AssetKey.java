package io.quarkiverse.cloudinary.storage.emulator.model;

/** The identity of an asset: Cloudinary keeps public ids apart per resource type and delivery type. */
public record AssetKey(String cloudName, String resourceType, String type, String publicId) {

    public static AssetKey of(Asset asset) {
        return new AssetKey(asset.cloudName(), asset.resourceType(), asset.type(), asset.publicId());
    }
}
