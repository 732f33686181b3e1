package io.quarkiverse.cloudinary.storage.leases;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkiverse.cloudinary.storage.CloudinaryException;
import io.quarkiverse.cloudinary.storage.CloudinaryNotFoundException;
import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.client.ResourcePages;
import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFileRegistry;
import io.quarkiverse.cloudinary.storage.media.MediaDownloads;
import io.quarkiverse.cloudinary.storage.media.MediaName;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;
import io.quarkiverse.cloudinary.storage.statics.StaticManifest;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * The lease of this build: a small raw file, {@code <static prefix>/cloudinary-leases/<build id>.<owner>.txt}, naming
 * the build's static manifest record and listing its {@code @CloudinaryFile} attributes. Every running instance
 * uploads it again every {@code quarkus.cloudinary.lease.refresh-interval}, with the Upload API only; every instance of
 * one build writes the same file. A lease refreshed within {@code quarkus.cloudinary.lease.ttl} says that its build
 * runs somewhere: the redundant static cleanup keeps the build's files, and an orphan cleanup that lacks one of its
 * attributes deletes nothing. Leases carry this application's owner mark; only those of the same owner count.
 * <p>
 * Dev mode keeps no lease: its restarts are no deployments; nor, unless configured, do tests.
 *
 * <pre>
 * LiveBuilds live = lease.liveBuilds(() -&gt; {
 * });
 * live.live().forEach(l -&gt; System.out.println(l.buildId() + " refreshed at " + l.refreshedAt()));
 * </pre>
 */
@ApplicationScoped
public class BuildLease {

    /** Context key of the time of a lease's last refresh, as its writer's clock tells it. */
    public static final String REFRESHED_KEY = "quarkus_storage_lease";
    /** Context key of the manifest record a lease names, so that ranking deployments needs no download. */
    public static final String MANIFEST_KEY = "quarkus_storage_manifest";

    private static final Logger LOG = Logger.getLogger(BuildLease.class);

    /**
     * @param enabled whether this build keeps its lease fresh
     * @param tag the static tag the lease carries, so that the redundant static cleanup removes stale ones
     */
    public record Settings(boolean enabled, Duration refreshInterval, Duration ttl, String tag) {

        public Settings {
            if (refreshInterval.isNegative() || refreshInterval.isZero()) {
                throw new ConfigurationException("quarkus.cloudinary.lease.refresh-interval must be positive, got "
                        + refreshInterval);
            }
            if (ttl.compareTo(refreshInterval.multipliedBy(2)) < 0) {
                throw new ConfigurationException("quarkus.cloudinary.lease.ttl (" + ttl + ") must be at least twice"
                        + " quarkus.cloudinary.lease.refresh-interval (" + refreshInterval + "): else one late refresh"
                        + " makes a running build look gone");
            }
        }
    }

    private final CloudinaryOperations operations;
    private final MediaDownloads downloads;
    private final StorageOwner owner;
    private final Settings settings;
    private final String folder;
    private final LeaseRecord record;
    private final String publicId;
    private volatile Instant lastRefresh;
    private volatile String lastFailure;
    private ScheduledExecutorService refresher;

    @Inject
    public BuildLease(StaticManifest manifest, CloudinaryFileRegistry registry, CloudinaryOperations operations,
            MediaDownloads downloads, StorageOwner owner, CloudinaryRuntimeConfig config) {
        // a build without static resources nor @CloudinaryFile attributes has nothing a cleanup could take from it
        this(manifest, BuildSchema.of(registry), operations, downloads, owner,
                new Settings(config.lease().enabled().orElse(LaunchMode.current() == LaunchMode.NORMAL)
                        && LaunchMode.current() != LaunchMode.DEVELOPMENT
                        && (manifest.size() > 0 || !registry.fields().isEmpty()),
                        config.lease().refreshInterval(), config.lease().ttl(), config.staticResources().tag()));
    }

    /** The lease of a build given by its manifest and schema: the application's own, or one a test plays. */
    public BuildLease(StaticManifest manifest, BuildSchema schema, CloudinaryOperations operations,
            MediaDownloads downloads, StorageOwner owner, Settings settings) {
        this.operations = operations;
        this.downloads = downloads;
        this.owner = owner;
        this.settings = settings;
        this.folder = manifest.leasesFolder();
        this.record = new LeaseRecord(manifest.size() == 0 ? "" : manifest.recordPublicId(owner.owner()), schema);
        this.publicId = folder + record.buildId() + "." + MediaName.safeSegment(owner.owner()) + ".txt";
    }

    void start(@Observes StartupEvent event) {
        if (!settings.enabled()) {
            return;
        }
        refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cloudinary-build-lease");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, settings.refreshInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (refresher != null) {
            // the lease is left to expire: other instances of this build may still run
            refresher.shutdownNow();
        }
    }

    /** What this build's lease says. */
    public LeaseRecord record() {
        return record;
    }

    public String publicId() {
        return publicId;
    }

    /** Whether this build keeps its lease fresh. */
    public boolean enabled() {
        return settings.enabled();
    }

    public Duration ttl() {
        return settings.ttl();
    }

    /** When this instance last refreshed the lease, if it has. */
    public Optional<Instant> lastRefresh() {
        return Optional.ofNullable(lastRefresh);
    }

    /** Why the last refresh failed, when it did; empty once one succeeds again. */
    public Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /**
     * Uploads the lease now: one Upload API call, retried as idempotent calls are.
     *
     * @throws CloudinaryException when it still fails
     */
    public synchronized Instant refresh() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> context = new LinkedHashMap<>(owner.context());
        context.put(REFRESHED_KEY, now.toString());
        context.put(MANIFEST_KEY, record.manifestRecord());
        byte[] content = record.toBytes();
        try {
            operations.uploadIdempotent("refresh of build lease " + publicId, (uploader, options) -> {
                options.put("resource_type", "raw");
                options.put("type", "upload");
                options.put("public_id", publicId);
                options.put("overwrite", true);
                options.put("use_filename", false);
                options.put("unique_filename", false);
                options.put("tags", List.of(settings.tag()));
                options.put("context", context);
                options.put("filename", publicId.substring(publicId.lastIndexOf('/') + 1));
                return uploader.upload(content, options);
            });
        } catch (CloudinaryException e) {
            lastFailure = e.getMessage();
            throw e;
        }
        lastRefresh = now;
        lastFailure = null;
        return now;
    }

    /**
     * Refreshes the lease unless this instance did so within half a refresh interval, so that a static upload that
     * skips files already there runs under a fresh lease. Does nothing when leases are off.
     *
     * @return why the lease could not be refreshed, if it could not
     */
    public synchronized Optional<String> ensureFresh() {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        Instant last = lastRefresh;
        if (last != null && last.plus(settings.refreshInterval().dividedBy(2)).isAfter(Instant.now())) {
            return Optional.empty();
        }
        try {
            refresh();
            return Optional.empty();
        } catch (CloudinaryException e) {
            return Optional.of(e.getMessage());
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warnf("The lease of this build (%s) could not be refreshed, the next try is in %s: %s", publicId,
                    settings.refreshInterval(), e.getMessage());
        }
    }

    /**
     * Lists the leases of this owner's builds (one Admin API call per 500 leases) and reads the content of the fresh
     * ones through their delivery URLs (no Admin API call).
     *
     * @param onRequest called for every Admin API request made
     * @throws CloudinaryException when the listing fails: without it, nothing is known of the running builds
     */
    public LiveBuilds liveBuilds(Runnable onRequest) {
        return liveBuilds(0, onRequest);
    }

    /**
     * Lists the leases of this owner's builds like {@link #liveBuilds(Runnable)}, and also reads the content of the
     * {@code recentPrevious} most recently refreshed leases of other builds, fresh or not: a build rolled back from
     * is gone, but it is still a recent deployment, and rows it wrote may reference files through attributes only it
     * knows.
     */
    public LiveBuilds liveBuilds(int recentPrevious, Runnable onRequest) {
        Instant readAt = Instant.now();
        List<LiveBuilds.Lease> listed = new ArrayList<>();
        ResourcePages pages = new ResourcePages(operations, "listing of build leases", (api, options) -> {
            options.put("resource_type", "raw");
            options.put("type", "upload");
            options.put("prefix", folder);
            options.put("context", true);
            return api.resources(options);
        }, onRequest);
        while (pages.hasNext()) {
            for (Map<?, ?> resource : pages.next()) {
                // another application's or environment's builds are theirs to judge
                if (owner.relation(StorageOwner.contextValue(resource, StorageOwner.OWNER_KEY)
                        .orElse(null)) != StorageOwner.Relation.OWNED) {
                    continue;
                }
                String id = resource.get("public_id").toString();
                Instant refreshedAt = refreshedAt(resource);
                if (refreshedAt != null) {
                    listed.add(new LiveBuilds.Lease(id, buildId(id),
                            StorageOwner.contextValue(resource, MANIFEST_KEY).orElse(""), refreshedAt, Optional.empty()));
                }
            }
        }
        // the contents worth a download: of the running builds, and of those a cleanup after a rollback asks about
        LiveBuilds unread = new LiveBuilds(listed, settings.ttl(), readAt);
        Set<String> toRead = new HashSet<>();
        unread.live().forEach(l -> toRead.add(l.publicId()));
        unread.liveOrRecent(recentPrevious, publicId).forEach(l -> toRead.add(l.publicId()));
        List<LiveBuilds.Lease> leases = new ArrayList<>();
        for (LiveBuilds.Lease lease : listed) {
            Optional<LeaseRecord> content = toRead.contains(lease.publicId()) ? read(lease.publicId()) : Optional.empty();
            String manifestRecord = lease.manifestRecord().isEmpty()
                    ? content.map(LeaseRecord::manifestRecord).orElse("")
                    : lease.manifestRecord();
            leases.add(new LiveBuilds.Lease(lease.publicId(), lease.buildId(), manifestRecord, lease.refreshedAt(),
                    content));
        }
        return new LiveBuilds(leases, settings.ttl(), readAt);
    }

    /**
     * The later of the writer's clock and Cloudinary's time of the upload: either one saying the lease is fresh keeps
     * its build alive, so that a slow clock on either side never makes a running build look gone.
     */
    private static Instant refreshedAt(Map<?, ?> resource) {
        Instant written = StorageOwner.contextValue(resource, REFRESHED_KEY).map(BuildLease::instant).orElse(null);
        Instant uploaded = resource.get("created_at") == null ? null : instant(resource.get("created_at").toString());
        if (written == null) {
            return uploaded;
        }
        return uploaded == null || written.isAfter(uploaded) ? written : uploaded;
    }

    private Optional<LeaseRecord> read(String id) {
        String url = operations.cloudinary().url().resourceType("raw").type("upload").generate(id);
        try (InputStream in = downloads.open("download of build lease " + id, url, null)) {
            return Optional.of(LeaseRecord.parse(in.readAllBytes()));
        } catch (CloudinaryNotFoundException e) {
            return Optional.empty();
        } catch (IOException | CloudinaryException | IllegalArgumentException e) {
            LOG.warnf("The build lease %s could not be read, its build counts as one whose attributes are unknown: %s",
                    id, e.getMessage());
            return Optional.empty();
        }
    }

    private String buildId(String leasePublicId) {
        String name = leasePublicId.substring(folder.length());
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
