package io.quarkiverse.cloudinary.storage.deployment;

import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;

class CloudinaryStorageProcessor {

    private static final String FEATURE = "cloudinary-storage";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }
}
