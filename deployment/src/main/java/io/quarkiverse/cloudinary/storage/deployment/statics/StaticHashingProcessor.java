package io.quarkiverse.cloudinary.storage.deployment.statics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jboss.logging.Logger;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.config.CloudinaryBuildTimeConfig;
import io.quarkiverse.cloudinary.storage.media.MediaName;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.ApplicationArchivesBuildItem;
import io.quarkus.deployment.builditem.GeneratedResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
import io.quarkus.vertx.http.deployment.spi.GeneratedStaticResourceBuildItem;

/** Content hashes, hashed names and rewritten style sheets, all computed at build time. */
class StaticHashingProcessor {

    private static final Logger LOG = Logger.getLogger(StaticHashingProcessor.class);
    /** Where rewritten style sheets go in the application, for the upload to read. */
    static final String GENERATED_ROOT = "META-INF/cloudinary-static/";

    @BuildStep
    HashedStaticFilesBuildItem hashStaticFiles(StaticFilesBuildItem files, CloudinaryBuildTimeConfig config) {
        CloudinaryBuildTimeConfig.StaticResourceTypes statics = config.staticResources();
        StaticHasher hasher = new StaticHasher(path -> resourceType(path, statics), prefix(statics));
        List<HashedStaticFile> hashed = hasher.hash(files.files());
        LOG.debugf("Hashed %d static resources, %d style sheets rewritten", hashed.size(),
                hashed.stream().filter(HashedStaticFile::rewritten).count());
        return new HashedStaticFilesBuildItem(hashed);
    }

    /** Files the upload reads from the class path: rewritten style sheets here, the others where they are. */
    @BuildStep
    void rewrittenStyleSheets(HashedStaticFilesBuildItem hashed, BuildProducer<GeneratedResourceBuildItem> generated,
            BuildProducer<NativeImageResourceBuildItem> nativeResources) {
        for (HashedStaticFile file : hashed.files()) {
            nativeResources.produce(new NativeImageResourceBuildItem(classpathResource(file)));
            if (file.rewritten()) {
                generated.produce(new GeneratedResourceBuildItem(classpathResource(file), file.styleSheet()));
            }
        }
    }

    /** Style sheets from memory, every other file from where it lies, never read here. */
    @BuildStep
    void serveHashedLocally(HashedStaticFilesBuildItem hashed, CloudinaryBuildTimeConfig config,
            ApplicationArchivesBuildItem archives, BuildProducer<GeneratedStaticResourceBuildItem> served) {
        if (!config.staticResources().serveHashedLocally()) {
            return;
        }
        for (HashedStaticFile file : hashed.files()) {
            String endpoint = "/" + file.hashedPath();
            if (file.localStyleSheet() != null) {
                served.produce(new GeneratedStaticResourceBuildItem(endpoint, file.localStyleSheet()));
            } else if (file.source() != null) {
                served.produce(new GeneratedStaticResourceBuildItem(endpoint, file.source()));
            } else {
                // an application archive that is no directory has no file to point at
                served.produce(new GeneratedStaticResourceBuildItem(endpoint, readFromArchive(archives, file)));
            }
        }
    }

    private static byte[] readFromArchive(ApplicationArchivesBuildItem archives, HashedStaticFile file) {
        String resource = StaticFilesScanProcessor.STATIC_ROOT + file.path();
        byte[] content = archives.getRootArchive().apply(tree -> tree.apply(resource, visit -> {
            try {
                return visit == null ? null : Files.readAllBytes(visit.getPath());
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read static resource " + resource, e);
            }
        }));
        if (content == null) {
            throw new IllegalStateException("Static resource " + resource + " is gone from the application");
        }
        return content;
    }

    static String classpathResource(HashedStaticFile file) {
        return file.rewritten() ? GENERATED_ROOT + file.hashedPath() : StaticFilesScanProcessor.STATIC_ROOT + file.path();
    }

    static String prefix(CloudinaryBuildTimeConfig.StaticResourceTypes statics) {
        return MediaName.trimSlashes(statics.prefix());
    }

    static CloudinaryResourceType resourceType(String path, CloudinaryBuildTimeConfig.StaticResourceTypes statics) {
        String extension = extension(path);
        if (contains(statics.imageExtensions(), extension)) {
            return CloudinaryResourceType.IMAGE;
        }
        if (contains(statics.videoExtensions(), extension)) {
            return CloudinaryResourceType.VIDEO;
        }
        return CloudinaryResourceType.RAW;
    }

    static String extension(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot <= slash + 1 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static boolean contains(Set<String> extensions, String extension) {
        return !extension.isEmpty() && extensions.stream().anyMatch(e -> e.trim().equalsIgnoreCase(extension));
    }
}
