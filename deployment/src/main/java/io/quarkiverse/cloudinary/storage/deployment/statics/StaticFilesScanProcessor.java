package io.quarkiverse.cloudinary.storage.deployment.statics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import io.quarkiverse.cloudinary.storage.config.CloudinaryBuildTimeConfig;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.ApplicationArchivesBuildItem;
import io.quarkus.deployment.builditem.HotDeploymentWatchedFileBuildItem;

/** Reads the application's static resources once, at build time. */
class StaticFilesScanProcessor {

    private static final Logger LOG = Logger.getLogger(StaticFilesScanProcessor.class);
    static final String STATIC_ROOT = "META-INF/resources/";
    /** Public id folder, under the static prefix, of the manifests recorded on Cloudinary. */
    static final String RECORDS_FOLDER = "cloudinary-manifests/";

    @BuildStep
    StaticFilesBuildItem scanStaticFiles(ApplicationArchivesBuildItem archives, CloudinaryBuildTimeConfig config) {
        CloudinaryBuildTimeConfig.StaticResourceTypes statics = config.staticResources();
        List<StaticFile> files = new ArrayList<>();
        if (!statics.enabled()) {
            return new StaticFilesBuildItem(files);
        }
        List<PathMatcher> includes = statics.includes().map(StaticFilesScanProcessor::matchers).orElse(List.of());
        List<PathMatcher> excludes = matchers(statics.excludes());
        archives.getRootArchive().accept(tree -> tree.walkIfContains(STATIC_ROOT, visit -> {
            String relative = visit.getRelativePath("/");
            if (!relative.startsWith(STATIC_ROOT) || !Files.isRegularFile(visit.getPath())) {
                return;
            }
            String path = relative.substring(STATIC_ROOT.length());
            Path asPath = Path.of(path);
            if (path.startsWith(RECORDS_FOLDER)
                    || !includes.isEmpty() && includes.stream().noneMatch(m -> m.matches(asPath))
                    || excludes.stream().anyMatch(m -> m.matches(asPath))) {
                return;
            }
            try {
                files.add(new StaticFile(path, Files.readAllBytes(visit.getPath())));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read static resource " + relative, e);
            }
        }));
        LOG.debugf("Found %d static resources for Cloudinary", files.size());
        return new StaticFilesBuildItem(files);
    }

    /** A changed static resource changes the manifest, which is recorded: dev mode restarts. */
    @BuildStep
    HotDeploymentWatchedFileBuildItem watchStaticFiles() {
        return HotDeploymentWatchedFileBuildItem.builder().setLocationPredicate(p -> p.startsWith(STATIC_ROOT))
                .setRestartNeeded(true).build();
    }

    private static List<PathMatcher> matchers(List<String> globs) {
        List<PathMatcher> matchers = new ArrayList<>();
        for (String glob : globs) {
            if (!glob.isBlank()) {
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.trim()));
            }
        }
        return matchers;
    }
}
