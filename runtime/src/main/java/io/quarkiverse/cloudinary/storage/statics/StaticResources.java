package io.quarkiverse.cloudinary.storage.statics;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import com.cloudinary.Transformation;

import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.config.CloudinaryBuildTimeConfig;
import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;
import io.quarkiverse.cloudinary.storage.leases.BuildLease;
import io.quarkiverse.cloudinary.storage.media.MediaDownloads;
import io.quarkiverse.cloudinary.storage.media.MediaName;
import io.quarkiverse.cloudinary.storage.ownership.DeleteGuard;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * The application's static resources on Cloudinary: their URLs by original name, the upload that puts them there,
 * and the cleanup of those no deployment needs any more. Usable from Java and, as {@code inject:staticResources},
 * from Qute; templates usually go through {@code {cloudinary:static('css/site.css')}}.
 *
 * <pre>
 * String logo = staticResources.url("img/logo.png", "c_scale,w_120");
 * </pre>
 */
@ApplicationScoped
@Named("staticResources")
public class StaticResources {

    private static final Logger LOG = Logger.getLogger(StaticResources.class);

    private final StaticManifest manifest;
    private final CloudinaryOperations operations;
    private final MediaDownloads downloads;
    private final CloudinaryRuntimeConfig.StaticResources config;
    private final CloudinaryRuntimeConfig runtimeConfig;
    private final StaticUrls urls;
    private final StorageOwner owner;
    private final BuildLease lease;
    private final String staticFolder;
    private final DeleteGuard cleanupGuard;
    private final String localPrefix;
    private final ClassLoader applicationResources;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger total = new AtomicInteger();
    private CompletableFuture<StaticUploadReport> running;
    private volatile StaticUploadReport lastUpload;
    private volatile Thread uploadThread;

    public StaticResources(StaticManifest manifest, CloudinaryOperations operations, MediaDownloads downloads,
            CloudinaryRuntimeConfig config, CloudinaryBuildTimeConfig buildConfig, StorageOwner owner, BuildLease lease) {
        this.manifest = manifest;
        this.lease = lease;
        this.owner = owner;
        this.staticFolder = MediaName.folder(Optional.of(buildConfig.staticResources().prefix()));
        this.cleanupGuard = new DeleteGuard(config.staticResources().cleanup().maxDeletes(),
                config.staticResources().cleanup().maxDeleteRatio(), "quarkus.cloudinary.static.cleanup",
                "were the manifest records of previous deployments lost?");
        this.operations = operations;
        this.downloads = downloads;
        this.runtimeConfig = config;
        this.config = config.staticResources();
        if (this.config.concurrency() < 1) {
            throw new ConfigurationException("quarkus.cloudinary.static.concurrency must be at least 1, got "
                    + this.config.concurrency());
        }
        if (this.config.cleanup().keepPreviousDeployments() < 0) {
            throw new ConfigurationException("quarkus.cloudinary.static.cleanup.keep-previous-deployments must not be"
                    + " negative, got " + this.config.cleanup().keepPreviousDeployments());
        }
        this.urls = new StaticUrls(manifest, operations.cloudinary());
        boolean local = LaunchMode.current() == LaunchMode.DEVELOPMENT && this.config.serveLocallyInDevMode();
        String rootPath = ConfigProvider.getConfig().getOptionalValue("quarkus.http.root-path", String.class).orElse("/");
        this.localPrefix = local ? (rootPath.endsWith("/") ? rootPath : rootPath + "/") : null;
        // upload threads have no useful context class loader in dev and test mode: keep the application's
        this.applicationResources = Thread.currentThread().getContextClassLoader();
    }

    /** How many static resources the build recorded. */
    public int manifestSize() {
        return manifest.size();
    }

    /** The recorded manifest, from original name to hashed file. */
    public StaticManifest manifest() {
        return manifest;
    }

    /**
     * The URL of a static resource by its path under {@code META-INF/resources}, for example {@code css/site.css}: the
     * hashed file on Cloudinary, or the local file in dev mode when so configured.
     *
     * @throws IllegalArgumentException when the build recorded no such static resource
     */
    public String url(String originalName) {
        return url(originalName, (String) null);
    }

    /**
     * The URL of a transformed image or video, for example {@code url("img/logo.png", "c_fill,w_200,h_200")}.
     *
     * @param transformation Cloudinary's URL syntax, steps separated by {@code /}; {@code null} for none
     */
    public String url(String originalName, String transformation) {
        String name = MediaName.trimSlashes(originalName);
        String url = localPrefix != null ? localUrl(name) : urls.url(name, transformation);
        if (url == null) {
            throw unknown(originalName);
        }
        return url;
    }

    /** The URL of a transformed image or video, for example with {@code new Transformation<>().width(200)}. */
    public String url(String originalName, Transformation<?> transformation) {
        return url(originalName, transformation == null ? null : transformation.generate());
    }

    /**
     * Runs the static upload now and returns its report; when one is already running, waits for it instead.
     */
    public StaticUploadReport upload() {
        try {
            return uploadInBackground().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    /** Starts the static upload on a background thread, or returns the one running. */
    public synchronized CompletableFuture<StaticUploadReport> uploadInBackground() {
        if (running != null && !running.isDone()) {
            return running;
        }
        CompletableFuture<StaticUploadReport> future = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                if (recordsDeployment()) {
                    // before the listing: a cleanup that checks the leases before its deletes then keeps every file
                    // this upload finds there and skips
                    lease.ensureFresh().ifPresent(failure -> LOG.warnf("Static upload runs without a fresh lease of"
                            + " this build (%s): a cleanup running meanwhile on another instance may delete files this"
                            + " upload skips as already there; the next upload sends them again", failure));
                }
                StaticUploadReport report = new StaticUpload(manifest, operations, runtimeConfig, owner,
                        recordsDeployment(), applicationResources, done, total).run();
                lastUpload = report;
                operations.metrics().staticUpload(report);
                future.complete(report);
            } catch (RuntimeException | Error e) {
                LOG.error("Static upload failed", e);
                future.completeExceptionally(e);
            } finally {
                uploadThread = null;
            }
        }, "cloudinary-static-upload");
        thread.setDaemon(true);
        running = future;
        uploadThread = thread;
        thread.start();
        return future;
    }

    /** The lease this build keeps while it runs. */
    public BuildLease lease() {
        return lease;
    }

    /** The report of the last finished upload, empty before the first one ends. */
    public Optional<StaticUploadReport> lastUpload() {
        return Optional.ofNullable(lastUpload);
    }

    public synchronized StaticUploadProgress progress() {
        return new StaticUploadProgress(running != null && !running.isDone(), done.get(), total.get());
    }

    /**
     * Deletes the uploaded static resources that no kept manifest lists, as {@code quarkus.cloudinary.static.cleanup.*}
     * says.
     *
     * @param dryRun list what would be deleted, delete nothing
     */
    public RedundantStaticReport deleteRedundant(boolean dryRun) {
        return deleteRedundant(RedundantStaticOptions.configured(config, dryRun));
    }

    /** Deletes the uploaded static resources that no kept manifest lists, with explicit options. */
    public RedundantStaticReport deleteRedundant(RedundantStaticOptions options) {
        RedundantStaticReport report;
        try {
            report = new RedundantStaticCleanup(manifest, operations, downloads, config.tag(), staticFolder, owner,
                    cleanupGuard, lease).run(options);
        } catch (RuntimeException e) {
            operations.metrics().cleanupFailed("static", e);
            throw e;
        }
        operations.metrics().staticCleanup(report);
        return report;
    }

    /** The configured cleanup options, for callers that change one of them. */
    public RedundantStaticOptions configuredCleanup(boolean dryRun) {
        return RedundantStaticOptions.configured(config, dryRun);
    }

    /**
     * The upload mode in effect: the configured one, else on start, except in dev mode against a real account, where
     * a developer's restarts would otherwise upload to a shared account.
     */
    public CloudinaryRuntimeConfig.StaticUploadMode uploadMode() {
        return config.upload().orElse(LaunchMode.current() == LaunchMode.DEVELOPMENT && owner.realAccount()
                ? CloudinaryRuntimeConfig.StaticUploadMode.MANUAL
                : CloudinaryRuntimeConfig.StaticUploadMode.ON_START);
    }

    /**
     * Whether an upload records this build's manifest as a deployment: never from dev mode, whose restarts are no
     * deployments and would push real ones out of the kept window.
     */
    private static boolean recordsDeployment() {
        return LaunchMode.current() != LaunchMode.DEVELOPMENT;
    }

    @PreDestroy
    void stopUpload() {
        Thread thread = uploadThread;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private String localUrl(String name) {
        return manifest.find(name).map(asset -> localPrefix + asset.originalName()).orElse(null);
    }

    private IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("Unknown static resource '" + name + "': the build recorded "
                + manifest.size() + " files from META-INF/resources, and this is not one of them. Names are paths under"
                + " META-INF/resources, such as css/site.css; check quarkus.cloudinary.static.includes and excludes.");
    }
}
