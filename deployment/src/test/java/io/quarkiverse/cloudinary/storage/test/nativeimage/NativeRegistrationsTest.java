package io.quarkiverse.cloudinary.storage.test.nativeimage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Field;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.builder.BuildChainBuilder;
import io.quarkus.deployment.builditem.ExtensionSslNativeSupportBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.RuntimeInitializedClassBuildItem;
import io.quarkus.test.QuarkusUnitTest;

/**
 * What the build declares for a native executable, read from the build items it produces (a native image itself
 * cannot be built on every machine), and checked against what the Cloudinary SDK and Tika really load by name.
 */
class NativeRegistrationsTest {

    // the build runs in another class loader than the test: what it saw crosses over as system properties
    private static final String PROPERTY = "native-registrations-test.";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(RecordingClassLoader.class)
                    .addAsResource(new StringAsset("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
                            "META-INF/resources/img/dot.svg"))
            // the upload on start would read the file; the build's declaration is what this test is about
            .overrideConfigKey("quarkus.cloudinary.static.upload", "manual")
            .overrideConfigKey("quarkus.datasource.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:native")
            .addBuildChainCustomizer(NativeRegistrationsTest::captureNativeItems);

    private static void captureNativeItems(BuildChainBuilder chain) {
        chain.addBuildStep(context -> {
            publish("ssl", context.consumeMulti(ExtensionSslNativeSupportBuildItem.class).stream()
                    .map(ExtensionSslNativeSupportBuildItem::getExtension));
            publish("reflective", context.consumeMulti(ReflectiveClassBuildItem.class).stream()
                    .flatMap(i -> i.getClassNames().stream()));
            publish("constructors", context.consumeMulti(ReflectiveClassBuildItem.class).stream()
                    .filter(ReflectiveClassBuildItem::isConstructors).flatMap(i -> i.getClassNames().stream()));
            publish("resources", context.consumeMulti(NativeImageResourceBuildItem.class).stream()
                    .flatMap(i -> i.getResources().stream()));
            publish("runtime-initialized", context.consumeMulti(RuntimeInitializedClassBuildItem.class).stream()
                    .map(RuntimeInitializedClassBuildItem::getClassName));
            context.produce(new FeatureBuildItem("native-registrations-capture"));
        }).consumes(ExtensionSslNativeSupportBuildItem.class).consumes(ReflectiveClassBuildItem.class)
                .consumes(NativeImageResourceBuildItem.class).consumes(RuntimeInitializedClassBuildItem.class)
                .produces(FeatureBuildItem.class).build();
    }

    private static void publish(String kind, Stream<String> names) {
        System.setProperty(PROPERTY + kind, names.distinct().collect(Collectors.joining("\n")));
    }

    /** What the build produced of one kind; empty when the build step did not run. */
    private static Set<String> produced(String kind) {
        String names = System.getProperty(PROPERTY + kind, "");
        return names.isEmpty() ? Set.of() : Set.of(names.split("\n"));
    }

    private static Set<String> reflectiveClasses() {
        return produced("reflective");
    }

    private static Set<String> nativeResources() {
        return produced("resources");
    }

    @Test
    void sslIsEnabledForTheExtension() {
        assertTrue(produced("ssl").contains("cloudinary-storage"),
                "HTTPS to Cloudinary needs SSL in the native executable: " + produced("ssl"));
    }

    @Test
    void theSdkHttpStrategiesAreRegisteredForReflection() {
        Set<String> registered = produced("constructors");
        assertTrue(registered.contains("com.cloudinary.http44.UploaderStrategy"), registered.toString());
        assertTrue(registered.contains("com.cloudinary.http44.ApiStrategy"), registered.toString());
    }

    /** Every error class the SDK's Admin API maps a status to, which its client creates through a constructor. */
    @Test
    void theSdkApiErrorsAreRegisteredWithTheirConstructors() throws Exception {
        Field errors = com.cloudinary.Api.class.getField("CLOUDINARY_API_ERROR_CLASSES");
        Set<String> mapped = new TreeSet<>();
        ((Map<?, ?>) errors.get(null)).values().forEach(type -> mapped.add(((Class<?>) type).getName()));
        mapped.add("com.cloudinary.api.exceptions.GeneralError");
        assertFalse(mapped.size() < 2, mapped.toString());
        Set<String> missing = new TreeSet<>(mapped);
        missing.removeAll(produced("constructors"));
        assertTrue(missing.isEmpty(), "not registered with constructors: " + missing);
    }

    @Test
    void tikaTypeDatabaseIsInTheImage() {
        assertTrue(nativeResources().contains("org/apache/tika/mime/tika-mimetypes.xml"), nativeResources().toString());
    }

    /** Uploads on start read each static resource from the class path. */
    @Test
    void staticResourcesAreInTheImage() {
        assertTrue(nativeResources().contains("META-INF/resources/img/dot.svg"), nativeResources().toString());
    }

    @Test
    void classesHoldingASecureRandomStartAtRunTime() {
        Set<String> runtimeInitialized = produced("runtime-initialized");
        for (String type : List.of("com.cloudinary.Cloudinary",
                "io.quarkiverse.cloudinary.storage.ownership.StorageOwner",
                "io.quarkiverse.cloudinary.storage.client.CredentialsCheck")) {
            assertTrue(runtimeInitialized.contains(type), type + " in " + runtimeInitialized);
        }
    }

    /**
     * Creates an SDK client and detects a video's type with Tika, in a class loader that records what they ask for by
     * name; each class must be registered for reflection and each resource they find must be in the image.
     */
    @Test
    void whatTheSdkAndTikaLoadByNameIsRegistered() throws Exception {
        URL[] jars = { jarOf("com.cloudinary.Cloudinary"), jarOf("com.cloudinary.http44.UploaderStrategy"),
                jarOf("org.apache.tika.mime.MimeTypes") };
        try (RecordingClassLoader loader = new RecordingClassLoader(jars, getClass().getClassLoader(),
                List.of("com.cloudinary.", "org.apache.tika."))) {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                loader.loadClass("com.cloudinary.Cloudinary").getConstructor(String.class)
                        .newInstance("cloudinary://key:secret@cloud");
                Class<?> mimeTypes = loader.loadClass("org.apache.tika.mime.MimeTypes");
                Object types = mimeTypes.getMethod("getDefaultMimeTypes", ClassLoader.class).invoke(null, loader);
                Class<?> metadata = loader.loadClass("org.apache.tika.metadata.Metadata");
                byte[] mp4Header = { 0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o',
                        'm', 'i', 's', 'o', '2' };
                Object detected = mimeTypes.getMethod("detect", java.io.InputStream.class, metadata)
                        .invoke(types, new ByteArrayInputStream(mp4Header), metadata.getConstructor().newInstance());
                assertTrue(detected.toString().startsWith("video/"), "Tika ran the detection: " + detected);
            } finally {
                thread.setContextClassLoader(previous);
            }

            Set<String> byName = libraryClasses(loader.initializedClassesByName(), loader);
            assertFalse(byName.isEmpty(), "the recording saw the SDK look its HTTP strategies up");
            Set<String> missingClasses = new TreeSet<>(byName);
            missingClasses.removeAll(reflectiveClasses());
            assertTrue(missingClasses.isEmpty(), "loaded by name, not registered for reflection: " + missingClasses);

            // resources of these libraries' jars that they found: a missing optional one needs no registration
            Set<String> found = loader.resources.stream().filter(r -> loader.findResource(r) != null)
                    .filter(r -> !r.endsWith(".class")).collect(Collectors.toCollection(TreeSet::new));
            assertFalse(found.isEmpty(), "the recording saw Tika read its type database");
            Set<String> missingResources = new TreeSet<>(found);
            missingResources.removeAll(nativeResources());
            assertTrue(missingResources.isEmpty(), "read from the class path, not in the native image: "
                    + missingResources);
        }
    }

    /**
     * Classes of the SDK and Tika that exist: the SDK tries strategies of other flavours first, and the JDK's own
     * lookups (XML parsers, for one) are the native image's business.
     */
    private static Set<String> libraryClasses(Set<String> names, ClassLoader loader) {
        return names.stream().filter(n -> n.startsWith("com.cloudinary.") || n.startsWith("org.apache.tika."))
                .filter(n -> loader.getResource(n.replace('.', '/') + ".class") != null)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static URL jarOf(String className) throws ClassNotFoundException {
        return Class.forName(className).getProtectionDomain().getCodeSource().getLocation();
    }
}
