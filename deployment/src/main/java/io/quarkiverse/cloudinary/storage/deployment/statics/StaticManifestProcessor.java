package io.quarkiverse.cloudinary.storage.deployment.statics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;

import org.jboss.jandex.DotName;
import org.jboss.logging.Logger;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.config.CloudinaryBuildTimeConfig;
import io.quarkiverse.cloudinary.storage.runtime.CloudinaryStaticRecorder;
import io.quarkiverse.cloudinary.storage.statics.StaticAsset;
import io.quarkiverse.cloudinary.storage.statics.StaticManifest;
import io.quarkiverse.cloudinary.storage.statics.StaticResources;
import io.quarkiverse.cloudinary.storage.statics.StaticUploadOnStart;
import io.quarkiverse.cloudinary.storage.statics.StaticUploadReadinessCheck;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;

/** The manifest of hashed static resources, recorded for the runtime, and the beans that use it. */
class StaticManifestProcessor {

    private static final Logger LOG = Logger.getLogger(StaticManifestProcessor.class);

    @BuildStep
    StaticManifestBuildItem buildStaticManifest(HashedStaticFilesBuildItem hashed, CloudinaryBuildTimeConfig config) {
        String prefix = StaticHashingProcessor.prefix(config.staticResources());
        String folder = prefix.isEmpty() ? "" : prefix + "/";
        List<StaticAsset> assets = new ArrayList<>();
        StringBuilder identity = new StringBuilder();
        for (HashedStaticFile file : hashed.files()) {
            CloudinaryResourceType type = file.resourceType();
            String extension = StaticHashingProcessor.extension(file.path());
            StaticAsset asset = new StaticAsset(file.path(), file.hashedPath(), type,
                    publicId(type, folder + file.hashedPath(), extension), publicId(type, folder + file.path(), extension),
                    type.keepsExtensionInPublicId() ? "" : extension, file.bytes(), file.md5(),
                    StaticHashingProcessor.classpathResource(file));
            assets.add(asset);
            identity.append(type).append('\t').append(asset.publicId()).append('\t').append(file.md5()).append('\n');
        }
        String id = StaticHasher.md5(identity.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 20);
        LOG.debugf("Static manifest %s: %d files", id, assets.size());
        return new StaticManifestBuildItem(id, folder + StaticFilesScanProcessor.RECORDS_FOLDER, assets);
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    SyntheticBeanBuildItem recordStaticManifest(CloudinaryStaticRecorder recorder, StaticManifestBuildItem manifest) {
        return SyntheticBeanBuildItem.configure(StaticManifest.class)
                .scope(Singleton.class)
                .unremovable()
                .supplier(recorder.manifest(manifest.id(), manifest.recordsFolder(), manifest.assets()))
                .done();
    }

    @BuildStep
    AdditionalBeanBuildItem staticBeans() {
        return AdditionalBeanBuildItem.builder().addBeanClasses(StaticResources.class, StaticUploadOnStart.class)
                .setUnremovable().build();
    }

    @BuildStep
    AdditionalBeanBuildItem staticUploadReadinessCheck(Capabilities capabilities) {
        if (!capabilities.isPresent(Capability.SMALLRYE_HEALTH)) {
            return null;
        }
        return AdditionalBeanBuildItem.builder().addBeanClass(StaticUploadReadinessCheck.class)
                .setDefaultScope(DotName.createSimple(ApplicationScoped.class)).setUnremovable().build();
    }

    /** Images and videos keep their extension in the URL only, as Cloudinary's format. */
    private static String publicId(CloudinaryResourceType type, String path, String extension) {
        if (type.keepsExtensionInPublicId() || extension.isEmpty()) {
            return path;
        }
        return path.substring(0, path.length() - extension.length() - 1);
    }
}
