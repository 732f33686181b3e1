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
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;
import io.quarkiverse.cloudinary.storage.runtime.CloudinaryRecorder;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.BeanContainerBuildItem;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.ExtensionSslNativeSupportBuildItem;
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

    /**
     * Every call to Cloudinary is HTTPS: without this a native executable has SSL only when another extension happens
     * to ask for it.
     */
    @BuildStep
    ExtensionSslNativeSupportBuildItem sslForCloudinaryCalls() {
        return new ExtensionSslNativeSupportBuildItem(FEATURE);
    }

    /** The SDK finds its HTTP strategies with {@code Class.forName}, which a native image only allows if told. */
    @BuildStep
    ReflectiveClassBuildItem sdkHttpStrategies() {
        return ReflectiveClassBuildItem.builder("com.cloudinary.http44.UploaderStrategy", "com.cloudinary.http44.ApiStrategy")
                .constructors()
                .reason("Cloudinary SDK StrategyLoader instantiates them by name")
                .build();
    }

    /**
     * The SDK's Admin API client creates the exception of an error answer through its {@code (String)} constructor,
     * found by reflection on the class the status maps to.
     */
    @BuildStep
    ReflectiveClassBuildItem sdkApiErrors() {
        return ReflectiveClassBuildItem.builder("com.cloudinary.api.exceptions.BadRequest",
                "com.cloudinary.api.AuthorizationRequired", "com.cloudinary.api.exceptions.NotAllowed",
                "com.cloudinary.api.exceptions.NotFound", "com.cloudinary.api.exceptions.AlreadyExists",
                "com.cloudinary.api.exceptions.RateLimited", "com.cloudinary.api.exceptions.GeneralError")
                .constructors()
                .reason("Cloudinary SDK ApiStrategy creates Admin API errors with Class.getConstructor")
                .build();
    }

    /** Video checks read Tika's type database from the class path. */
    @BuildStep
    NativeImageResourceBuildItem tikaMimeTypes() {
        return new NativeImageResourceBuildItem("org/apache/tika/mime/tika-mimetypes.xml");
    }

    /**
     * Classes that seed a static {@code SecureRandom}, which must not be frozen into the native image: the SDK's
     * {@code Cloudinary}, the owner mark's random part and the credentials check's probe names.
     */
    @BuildStep
    void secureRandomsAtRuntime(BuildProducer<RuntimeInitializedClassBuildItem> runtimeInitialized) {
        for (Class<?> type : new Class<?>[] { Cloudinary.class, StorageOwner.class, CredentialsCheck.class }) {
            runtimeInitialized.produce(new RuntimeInitializedClassBuildItem(type.getName()));
        }
    }
}
