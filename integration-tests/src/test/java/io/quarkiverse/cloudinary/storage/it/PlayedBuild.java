package io.quarkiverse.cloudinary.storage.it;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import jakarta.enterprise.inject.Any;
import jakarta.persistence.EntityManager;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.config.CloudinaryBuildTimeConfig;
import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFileField;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFileRegistry;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFiles;
import io.quarkiverse.cloudinary.storage.leases.BuildLease;
import io.quarkiverse.cloudinary.storage.leases.BuildSchema;
import io.quarkiverse.cloudinary.storage.media.MediaDownloads;
import io.quarkiverse.cloudinary.storage.orphans.OrphanCleanup;
import io.quarkiverse.cloudinary.storage.orphans.ReconciliationStore;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;
import io.quarkiverse.cloudinary.storage.statics.StaticAsset;
import io.quarkiverse.cloudinary.storage.statics.StaticManifest;
import io.quarkiverse.cloudinary.storage.statics.StaticResources;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;

/**
 * One build of the application, played inside the test application: its own static files (hashed as the build would
 * hash them, held by a class loader of their own), its own manifest, its own {@code @CloudinaryFile} attributes (a
 * subset of the application's), its lease, and the runtime's static upload, redundant static cleanup and orphan
 * cleanup working with them. Every instance of a build shares these; a running instance is one that refreshes the
 * lease, as the background refresher of a real one does.
 */
final class PlayedBuild implements AutoCloseable {

    /** The application's records folder, so that played builds and the application see each other's records. */
    static final String RECORDS_FOLDER = "static/cloudinary-manifests/";

    final String name;
    final List<StaticAsset> assets;
    final BuildLease lease;
    final StaticResources statics;
    final OrphanCleanup orphans;
    final BuildSchema schema;
    private final URLClassLoader files;

    private PlayedBuild(String name, List<StaticAsset> assets, URLClassLoader files, BuildLease lease,
            StaticResources statics, OrphanCleanup orphans, BuildSchema schema) {
        this.name = name;
        this.assets = assets;
        this.files = files;
        this.lease = lease;
        this.statics = statics;
        this.orphans = orphans;
        this.schema = schema;
    }

    /**
     * @param staticFiles path under META-INF/resources to content; raw files, so that public ids keep the extension
     * @param knows which of the application's attributes this build has
     */
    static PlayedBuild of(String name, Path root, Map<String, String> staticFiles,
            Predicate<CloudinaryFileField> knows, Duration refreshInterval, Duration ttl) throws IOException {
        Path directory = Files.createDirectories(root.resolve(name));
        List<StaticAsset> assets = new ArrayList<>();
        StringBuilder identity = new StringBuilder();
        for (Map.Entry<String, String> file : staticFiles.entrySet()) {
            byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
            String md5 = md5(content);
            String path = file.getKey();
            int dot = path.lastIndexOf('.');
            String hashed = path.substring(0, dot) + "." + md5.substring(0, 12) + path.substring(dot);
            Path onDisk = directory.resolve(hashed);
            Files.createDirectories(onDisk.getParent());
            Files.write(onDisk, content);
            assets.add(new StaticAsset(path, hashed, CloudinaryResourceType.RAW, "static/" + hashed, "static/" + path,
                    "", content.length, md5, hashed));
            identity.append(hashed).append('\n');
        }
        StaticManifest manifest = new StaticManifest(
                md5(identity.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 20), RECORDS_FOLDER, assets);
        ArcContainer beans = Arc.container();
        CloudinaryOperations operations = beans.instance(CloudinaryOperations.class).get();
        MediaDownloads downloads = beans.instance(MediaDownloads.class).get();
        StorageOwner owner = beans.instance(StorageOwner.class).get();
        CloudinaryRuntimeConfig config = beans.instance(CloudinaryRuntimeConfig.class).get();
        CloudinaryFiles cloudinaryFiles = beans.instance(CloudinaryFiles.class).get();
        CloudinaryFileRegistry application = cloudinaryFiles.registry();
        List<CloudinaryFileField> known = application.fields().stream().filter(knows).toList();
        CloudinaryFileRegistry registry = new CloudinaryFileRegistry(known,
                known.stream().map(application::accessor).toList());
        BuildSchema schema = BuildSchema.of(registry);
        BuildLease lease = new BuildLease(manifest, schema, operations, downloads, owner,
                new BuildLease.Settings(true, refreshInterval, ttl, config.staticResources().tag()));
        URLClassLoader files = new URLClassLoader(new URL[] { directory.toUri().toURL() },
                Thread.currentThread().getContextClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // the upload reads files through the class loader current when its bean is made
        thread.setContextClassLoader(files);
        StaticResources statics;
        try {
            statics = new StaticResources(manifest, operations, downloads, config,
                    beans.instance(CloudinaryBuildTimeConfig.class).get(), owner, lease);
        } finally {
            thread.setContextClassLoader(previous);
        }
        // the builds of one application share its database, and so its reconciliation pass
        OrphanCleanup orphans = new OrphanCleanup(operations, cloudinaryFiles, registry, config, owner, lease,
                beans.select(EntityManager.class, Any.Literal.INSTANCE),
                ReconciliationStore.inDatabase(beans.select(AgroalDataSource.class).get()));
        return new PlayedBuild(name, assets, files, lease, statics, orphans, schema);
    }

    @Override
    public void close() throws IOException {
        files.close();
    }

    @Override
    public String toString() {
        return name + " (build " + lease.record().buildId() + ")";
    }

    private static String md5(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
