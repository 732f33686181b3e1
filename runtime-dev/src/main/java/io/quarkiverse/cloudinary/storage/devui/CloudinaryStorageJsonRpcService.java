package io.quarkiverse.cloudinary.storage.devui;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import com.cloudinary.Transformation;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.client.CloudinarySettings;
import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFileRegistry;
import io.quarkiverse.cloudinary.storage.media.ImageStorage;
import io.quarkiverse.cloudinary.storage.orphans.CandidateCleanup;
import io.quarkiverse.cloudinary.storage.orphans.CandidateRecording;
import io.quarkiverse.cloudinary.storage.orphans.OrphanCleanup;
import io.quarkiverse.cloudinary.storage.orphans.OrphanReport;
import io.quarkiverse.cloudinary.storage.orphans.OrphanedResource;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;
import io.quarkiverse.cloudinary.storage.statics.RedundantStaticOptions;
import io.quarkiverse.cloudinary.storage.statics.StaticResources;
import io.quarkiverse.cloudinary.storage.statics.StaticUploadProgress;

/**
 * The server side of the Dev UI card "Cloudinary Storage". Every public method is a JSON-RPC method the card's pages
 * call. It exists in dev mode only: it ships in the dev-only artifact of the extension.
 */
public class CloudinaryStorageJsonRpcService {

    private static final String CLOUDINARY_API = "https://api.cloudinary.com";
    private static final String CLOUDINARY_DELIVERY = "res.cloudinary.com";

    @Inject
    CloudinarySettings settings;

    @Inject
    CloudinaryRuntimeConfig config;

    @Inject
    CloudinaryFileRegistry registry;

    /** Unsatisfied in an application without Hibernate ORM, whose card has no Orphans page. */
    @Inject
    Instance<OrphanCleanup> orphanCleanups;

    /** Unsatisfied in an application without Hibernate ORM. */
    @Inject
    Instance<CandidateCleanup> candidateCleanups;

    @Inject
    Instance<CandidateRecording> candidateRecordings;

    @Inject
    StaticResources staticResources;

    @Inject
    ImageStorage images;

    @Inject
    StorageOwner owner;

    /** The account and client settings in effect, without the API key or secret. */
    public Overview getOverview() {
        CloudinaryRuntimeConfig.Media media = config.media();
        return new Overview(
                settings.credentials().cloudName(),
                owner.realAccount(),
                owner.owner(),
                owner.adoptsUnmarked(),
                settings.apiBaseUrl().map(URI::toString).orElse(CLOUDINARY_API),
                settings.deliveryBaseUrl().map(URI::toString)
                        .orElse((settings.secureDelivery() ? "https://" : "http://") + CLOUDINARY_DELIVERY),
                settings.secureDelivery(),
                settings.signatureAlgorithm().name().toLowerCase(Locale.ROOT),
                media.tag(),
                media.prefix().orElse(""),
                media.deliveryType().cloudinaryName(),
                config.staticResources().tag(),
                DurationText.of(settings.connectTimeout()),
                DurationText.of(settings.readTimeout()),
                DurationText.of(settings.poolTimeout()),
                settings.maxConnections(),
                settings.retryPolicy().maxRetries(),
                DurationText.of(settings.retryPolicy().maxRateLimitWait()));
    }

    /** Every {@code @CloudinaryFile} attribute the build found. */
    public List<MediaField> getMediaFields() {
        return registry.fields().stream().map(MediaField::of).toList();
    }

    /** What decides which media files a cleanup deletes, whether a run is in progress, and the last run's report. */
    public OrphanSettings getOrphanSettings() {
        CloudinaryRuntimeConfig.Orphans orphans = config.orphans();
        return new OrphanSettings(
                DurationText.of(orphans.gracePeriod()),
                orphans.excludePaths().orElse(List.of()),
                config.media().tag(),
                orphans.cleanup().cron(),
                orphans.cleanup().dryRun(),
                orphans.reportLimit(),
                orphans.maxDeletes(),
                orphans.maxDeleteRatio(),
                orphanCleanup().running(),
                orphanCleanup().lastReport().map(this::view).orElse(null));
    }

    /** Where the reconciliation pass stands: how far it got, what the last run spent, when the next pass is due. */
    public ReconciliationView getReconciliationProgress() {
        return ReconciliationView.of(orphanCleanup().reconciliationProgress(),
                config.orphans().reconciliation().maxCallsPerRun(),
                DurationText.of(config.orphans().reconciliation().interval()));
    }

    /** The candidate queue, the candidate cleanup's settings and its last run. */
    public CandidatesView getCandidates() {
        CandidateCleanup candidates = candidateCleanups.get();
        return CandidatesView.of(config.orphans().candidates(), candidateRecordings.get().recording(),
                candidates.queue(), candidates.running(), candidates.lastReport().orElse(null));
    }

    /**
     * Runs the candidate cleanup now, with every proof of a scheduled run.
     *
     * @param cloudName on a real account, the cloud name as the person typed it: a delete there needs it
     */
    public CandidatesView.LastRun cleanCandidates(String cloudName) {
        requireTypedCloudName(cloudName);
        return CandidatesView.LastRun.of(candidateCleanups.get().cleanCandidates());
    }

    /** A dry run: what a cleanup would delete now, deleting nothing. */
    public OrphanReportView findOrphans() {
        return view(orphanCleanup().findOrphans());
    }

    /**
     * Deletes the orphans, with every safety of a scheduled run: ownership, grace period, exclusions, the guard, the
     * check right before each delete.
     *
     * @param cloudName on a real account, the cloud name as the person typed it: a delete there needs it; ignored on
     *        an emulator
     * @param confirmedDeletes the number of files a person confirmed after the guard stopped a run; null (or absent)
     *        for none
     */
    public OrphanReportView deleteOrphans(String cloudName, Long confirmedDeletes) {
        requireTypedCloudName(cloudName);
        return view(
                confirmedDeletes == null ? orphanCleanup().deleteOrphans() : orphanCleanup().deleteOrphans(confirmedDeletes));
    }

    /** The static manifest, the upload in progress or the last one, and the redundant cleanup settings. */
    public StaticStatusView getStaticStatus() {
        CloudinaryRuntimeConfig.StaticResources statics = config.staticResources();
        return new StaticStatusView(
                staticResources.manifestSize(),
                statics.tag(),
                staticResources.uploadMode().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                staticResources.progress(),
                staticResources.lastUpload().map(StaticStatusView.UploadView::of).orElse(null),
                statics.cleanup().keepPreviousDeployments(),
                DurationText.of(statics.cleanup().keepYoungerThan()),
                statics.cleanup().maxDeletes(),
                statics.cleanup().maxDeleteRatio());
    }

    /** Uploads the static resources now (or waits for the upload in progress) and returns its report. */
    public StaticStatusView.UploadView uploadStaticResources() {
        return StaticStatusView.UploadView.of(staticResources.upload());
    }

    /** How far the upload in progress, or the last one, got. */
    public StaticUploadProgress getStaticUploadProgress() {
        return staticResources.progress();
    }

    /** A dry run of the redundant static cleanup: what it would delete, deleting nothing. */
    public RedundantStaticReportView findRedundantStaticResources() {
        return RedundantStaticReportView.of(staticResources.deleteRedundant(true));
    }

    /**
     * Deletes the static resources that no kept deployment's manifest lists, with every safety of the cleanup:
     * ownership, kept deployments and age, the guard, the check right before each delete.
     *
     * @param cloudName on a real account, the cloud name as the person typed it: a delete there needs it; ignored on
     *        an emulator
     * @param confirmedDeletes the number of files a person confirmed after the guard stopped a run; null (or absent)
     *        for none
     */
    public RedundantStaticReportView deleteRedundantStaticResources(String cloudName, Long confirmedDeletes) {
        requireTypedCloudName(cloudName);
        RedundantStaticOptions options = staticResources.configuredCleanup(false);
        return RedundantStaticReportView.of(staticResources
                .deleteRedundant(confirmedDeletes == null ? options : options.confirming(confirmedDeletes)));
    }

    /** Deletes on a real account happen only when the person typed its cloud name: a dev machine may point at prod. */
    private void requireTypedCloudName(String typed) {
        if (owner.realAccount() && !owner.cloudName().equals(typed == null ? null : typed.strip())) {
            throw new IllegalArgumentException("This deletes files on the real Cloudinary account '" + owner.cloudName()
                    + "': type its cloud name to confirm. Nothing was deleted.");
        }
    }

    private OrphanReportView view(OrphanReport report) {
        return OrphanReportView.of(report, this::thumbnail);
    }

    /**
     * A small derived image of an orphaned image, built like any delivery URL of the storage (signed when the delivery
     * type wants it). The stored name is the public id plus the format the original URL carries.
     */
    private String thumbnail(OrphanedResource orphan) {
        if (orphan.resourceType() != CloudinaryResourceType.IMAGE || orphan.url() == null) {
            return null;
        }
        String path = URI.create(orphan.url()).getPath();
        String file = path.substring(path.lastIndexOf('/') + 1);
        int dot = file.lastIndexOf('.');
        String storedName = dot < 0 ? orphan.publicId() : orphan.publicId() + file.substring(dot);
        try {
            return images.url(storedName, new Transformation<>().width(96).height(96).crop("fill"));
        } catch (RuntimeException e) {
            // a file not stored through this extension may have a name the storage refuses: show the original
            return orphan.url();
        }
    }

    /**
     * What the Orphans page shows before any run.
     *
     * @param gracePeriod files younger than this are never deleted
     * @param excludePaths public id prefixes never deleted
     * @param mediaTag the tag that marks the media files a cleanup lists
     * @param cron the scheduled cleanup's cron expression, {@code off} when not scheduled
     * @param lastReport the last finished run of this application, null before the first
     */
    public record OrphanSettings(String gracePeriod, List<String> excludePaths, String mediaTag, String cron,
            boolean scheduledDryRun, int reportLimit, long maxDeletes, double maxDeleteRatio, boolean running,
            OrphanReportView lastReport) {
    }

    /**
     * What the Overview page shows.
     *
     * @param realAccount whether this is a real Cloudinary account rather than the emulator: every page says so, and
     *        deletes need the cloud name typed
     * @param owner the owner mark of this application's files; the cleanups touch no other
     * @param apiBaseUrl where Upload and Admin API calls go: the emulator's URL when the Dev Service runs
     * @param deliveryBaseUrl the base of delivery URLs, before the cloud name
     */
    public record Overview(
            String cloudName,
            boolean realAccount,
            String owner,
            boolean adoptUnmarked,
            String apiBaseUrl,
            String deliveryBaseUrl,
            boolean secureDelivery,
            String signatureAlgorithm,
            String mediaTag,
            String mediaPrefix,
            String mediaDeliveryType,
            String staticTag,
            String connectTimeout,
            String readTimeout,
            String poolTimeout,
            int maxConnections,
            int maxRetries,
            String maxRateLimitWait) {
    }

    private OrphanCleanup orphanCleanup() {
        if (!orphanCleanups.isResolvable()) {
            throw new IllegalStateException("The orphan cleanup asks the database through Hibernate ORM, which this"
                    + " application does not have");
        }
        return orphanCleanups.get();
    }
}
