package io.quarkiverse.cloudinary.storage.deployment.statics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.jboss.logging.Logger;

import io.quarkiverse.cloudinary.storage.config.CloudinaryBuildTimeConfig;
import io.quarkiverse.cloudinary.storage.statics.StaticManifest;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.ApplicationArchivesBuildItem;
import io.quarkus.deployment.builditem.HotDeploymentWatchedFileBuildItem;

/** Reads the application's static resources once, at build time. */
class StaticFilesScanProcessor {

    private static final Logger LOG = Logger.getLogger(StaticFilesScanProcessor.class);
    static final String STATIC_ROOT = "META-INF/resources/";
    /** Public id folder, under the static prefix, of the manifests recorded on Cloudinary. */
    static final String RECORDS_FOLDER = "cloudinary-manifests/";
    /** The largest style sheet whose references the build rewrites, and so holds in memory. */
    static final long MAX_REWRITTEN_BYTES = 4 * 1024 * 1024;
    private static final int HASH_BUFFER_BYTES = 64 * 1024;

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
            if (path.startsWith(RECORDS_FOLDER) || path.startsWith(StaticManifest.LEASES_FOLDER)
                    || !includes.isEmpty() && includes.stream().noneMatch(m -> m.matches(asPath))
                    || excludes.stream().anyMatch(m -> m.matches(asPath))) {
                return;
            }
            try {
                files.add(read(path, visit.getPath()));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read static resource " + relative, e);
            }
        }));
        LOG.debugf("Found %d static resources for Cloudinary", files.size());
        return new StaticFilesBuildItem(files);
    }

    /**
     * Hashes a file as it streams by. Only a style sheet is kept, for its references to be rewritten: a larger one is
     * uploaded as it is, so that the build's memory does not follow the application's static resources.
     */
    private static StaticFile read(String path, Path file) throws IOException {
        long size = Files.size(file);
        Path source = file.getFileSystem() == FileSystems.getDefault() ? file : null;
        if (StaticHasher.isStyleSheet(path)) {
            if (size <= MAX_REWRITTEN_BYTES) {
                byte[] styleSheet = Files.readAllBytes(file);
                return new StaticFile(path, styleSheet.length, StaticHasher.md5(styleSheet), styleSheet, source);
            }
            LOG.warnf("The style sheet %s has %d bytes, more than the %d the build rewrites: its references are left"
                    + " as they are", path, size, MAX_REWRITTEN_BYTES);
        }
        MessageDigest digest = StaticHasher.digest();
        byte[] buffer = new byte[HASH_BUFFER_BYTES];
        long read = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, n);
                read += n;
            }
        }
        return new StaticFile(path, read, HexFormat.of().formatHex(digest.digest()), null, source);
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
