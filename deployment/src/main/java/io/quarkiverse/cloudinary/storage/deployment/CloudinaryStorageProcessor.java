package io.quarkiverse.cloudinary.storage.deployment;

import com.cloudinary.Cloudinary;

import io.quarkiverse.cloudinary.storage.client.CloudinaryClientProducer;
import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.client.CloudinarySettings;
import io.quarkiverse.cloudinary.storage.client.CredentialsCheck;
import io.quarkiverse.cloudinary.storage.leases.BuildLease;
import io.quarkiverse.cloudinary.storage.media.ImageStorage;
import io.quarkiverse.cloudinary.storage.media.MediaDownloads;
import io.quarkiverse.cloudinary.storage.media.RawStorage;
import io.quarkiverse.cloudinary.storage.media.VideoStorage;
import io.quarkiverse.cloudinary.storage.runtime.CloudinaryRecorder;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.BeanContainerBuildItem;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.RuntimeInitializedClassBuildItem;

class CloudinaryStorageProcessor {

    static final String FEATURE = "cloudinary-storage";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem clientBeans() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(CloudinaryClientProducer.class, CloudinaryOperations.class, CredentialsCheck.class,
                        MediaDownloads.class, BuildLease.class,
                        ImageStorage.class, RawStorage.class, VideoStorage.class)
                .build();
    }

    @BuildStep
    UnremovableBeanBuildItem clientBeansStayForProgrammaticLookup() {
        return UnremovableBeanBuildItem.beanTypes(Cloudinary.class, CloudinarySettings.class, CloudinaryOperations.class,
                CredentialsCheck.class, BuildLease.class);
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void checkConfigurationAtStartup(CloudinaryRecorder recorder, BeanContainerBuildItem beanContainer) {
        recorder.checkConfiguration(beanContainer.getValue());
    }

    /** The SDK finds its HTTP strategies with {@code Class.forName}, which a native image only allows if told. */
    @BuildStep
    ReflectiveClassBuildItem sdkHttpStrategies() {
        return ReflectiveClassBuildItem.builder("com.cloudinary.http44.UploaderStrategy", "com.cloudinary.http44.ApiStrategy")
                .constructors()
                .reason("Cloudinary SDK StrategyLoader instantiates them by name")
                .build();
    }

    /** Video checks read Tika's type database from the class path. */
    @BuildStep
    NativeImageResourceBuildItem tikaMimeTypes() {
        return new NativeImageResourceBuildItem("org/apache/tika/mime/tika-mimetypes.xml");
    }

    /** {@code Cloudinary} seeds a static {@code SecureRandom}, which must not be frozen into the native image. */
    @BuildStep
    RuntimeInitializedClassBuildItem sdkSecureRandomAtRuntime() {
        return new RuntimeInitializedClassBuildItem(Cloudinary.class.getName());
    }
}
