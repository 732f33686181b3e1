package io.quarkiverse.cloudinary.storage.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigDocDefault;
import io.quarkus.runtime.annotations.ConfigDocSection;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Run-time configuration of the Cloudinary account, the HTTP client and the storages.
 */
@ConfigMapping(prefix = "quarkus.cloudinary")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface CloudinaryRuntimeConfig {

    /**
     * The whole account as one URL: `cloudinary://API_KEY:API_SECRET@CLOUD_NAME`, as the Cloudinary console shows it.
     *
     * When neither this nor `cloud-name`, `api-key` and `api-secret` are set, the environment variable
     * `CLOUDINARY_URL` is read, then `CLOUDINARY_CLOUD_NAME`, `CLOUDINARY_API_KEY` and `CLOUDINARY_API_SECRET`.
     * Each of the three values is taken from the most specific source that has it: `cloud-name`, `api-key`,
     * `api-secret`, then this URL, then the three environment variables, then `CLOUDINARY_URL`.
     *
     * The URL means what it means to the Cloudinary SDK: its query parameters (`?upload_prefix=...&cname=...&secure=false`,
     * `secure_distribution`, `private_cdn`, `cdn_subdomain`, `signature_algorithm`, `timeout`, `proxy_host`, ...) and a
     * path after the cloud name (a private CDN distribution) apply, unless a property of this extension sets the same
     * thing: `api-base-url` replaces `upload_prefix`, `delivery-base-url` replaces the delivery host parameters,
     * `secure`, `signature-algorithm`, `http.connect-timeout` and `http.read-timeout` replace theirs. When both this
     * property and `CLOUDINARY_URL` carry a parameter, this property's wins.
     */
    Optional<String> url();

    /**
     * The cloud name of the account, as shown on the Cloudinary console. Overrides the one in `url`.
     */
    Optional<String> cloudName();

    /**
     * The API key. Overrides the one in `url`.
     */
    Optional<String> apiKey();

    /**
     * The API secret. Overrides the one in `url`. Never logged.
     */
    Optional<String> apiSecret();

    /**
     * Whether delivery URLs use `https`.
     *
     * Defaults to the Cloudinary URL's `secure` parameter. Without one it is `true`, except when the URL names a `cname`
     * and no `secure_distribution`: delivery URLs then use plain http on that host, as the SDK builds them.
     * `delivery-base-url`, when set, decides by its own scheme.
     */
    @ConfigDocDefault("the URL's secure parameter, else true")
    Optional<Boolean> secure();

    /**
     * Base URL of the Upload and Admin APIs, for a proxy or an emulator, for example `http://127.0.0.1:8089`.
     * Defaults to the Cloudinary URL's `upload_prefix` parameter, else Cloudinary's `https://api.cloudinary.com`. Set
     * by the emulator Dev Service.
     */
    Optional<String> apiBaseUrl();

    /**
     * Base URL of delivery URLs, for a CDN alias, a proxy or an emulator, for example `http://127.0.0.1:8089`.
     * The cloud name is appended to it. Its scheme overrides `secure`. When set, it replaces the Cloudinary URL's
     * `cname`, `secure_distribution`, `private_cdn`, `cdn_subdomain` and `secure_cdn_subdomain` parameters; otherwise
     * they decide, and without them delivery URLs use Cloudinary's `res.cloudinary.com`. Set by the emulator Dev
     * Service.
     */
    Optional<String> deliveryBaseUrl();

    /**
     * Hash algorithm of request and URL signatures, as configured for the account. Defaults to the Cloudinary URL's
     * `signature_algorithm` parameter (`SHA1` or `SHA256`, in any case), else `sha1`.
     */
    @ConfigDocDefault("the URL's signature_algorithm, else sha1")
    Optional<SignatureAlgorithm> signatureAlgorithm();

    /**
     * Whether the application checks the credentials when it starts, with one signed Upload API call that changes
     * nothing and does not count against the Admin API's hourly limit. Credentials that Cloudinary refuses stop the
     * application with one line naming the cloud and the API key (never the secret). When Cloudinary cannot be reached,
     * the application starts anyway and logs a warning.
     */
    @ConfigDocDefault("true in prod mode, false in dev and test mode")
    Optional<Boolean> checkCredentials();

    /**
     * Who owns the files this application uploads. Every upload carries this value as the structured context entry
     * `quarkus_storage_owner`, and both cleanups consider only files that carry it, so that applications and
     * environments sharing one account, one tag and one prefix never delete each other's files.
     *
     * Defaults to `quarkus.application.name` and the active profiles, such as `shop:prod` or `shop:staging`, so two
     * applications, or one application in two environments, differ without any setting. Set it when the same
     * application runs under several names that must share their files, or to keep the owner stable across a rename.
     */
    @ConfigDocDefault("${quarkus.application.name}:<active profiles>")
    Optional<String> owner();

    /**
     * Whether the cleanups also treat as this application's own the files that carry no owner mark at all (uploaded
     * before owner marks existed, by hand, or by another tool) when they carry the tag and are under the prefix. Files
     * marked by another owner are never touched. Off by default: turn it on once, for the migration, when you know
     * that no other application or environment left unmarked files under the same tag and prefix.
     */
    @WithDefault("false")
    boolean adoptUnmarked();

    /**
     * Whether the account is an emulator rather than a real Cloudinary account. On a real account, dev mode warns at
     * start, the Dev UI says so on every page and asks for the cloud name before it deletes, and the static upload
     * does not run on start unless `quarkus.cloudinary.static.upload` says so.
     *
     * Defaults to `true` when the API base URL (`api-base-url`, or the Cloudinary URL's `upload_prefix`) is a loopback
     * address (the Dev Service, a standalone emulator on this machine), `false` otherwise.
     */
    @ConfigDocDefault("true when the API base URL is a loopback address")
    Optional<Boolean> emulator();

    /**
     * The HTTP client shared by every call to Cloudinary.
     */
    @ConfigDocSection
    Http http();

    /**
     * Retries of idempotent calls.
     */
    @ConfigDocSection
    Retry retry();

    /**
     * Media storages.
     */
    @ConfigDocSection
    Media media();

    /**
     * Leases of running builds.
     */
    @ConfigDocSection
    Lease lease();

    /**
     * Static resources.
     */
    @ConfigDocSection
    @WithName("static")
    StaticResources staticResources();

    /**
     * Orphaned media cleanup.
     */
    @ConfigDocSection
    Orphans orphans();

    enum SignatureAlgorithm {
        SHA1,
        SHA256
    }

    /**
     * Every running instance keeps a small record of its build on Cloudinary fresh, so that no cleanup deletes what a
     * build still running needs.
     */
    interface Lease {

        /**
         * Whether this application keeps a lease for its build while it runs. Off, a cleanup of another instance
         * knows this build only as one of the kept previous deployments. On in production; off in tests, whose runs
         * are no deployments and whose counts of requests a refresh in the background would change. Dev mode never
         * keeps one, whatever this says: its restarts are no deployments.
         */
        @ConfigDocDefault("true in production, false in test mode")
        Optional<Boolean> enabled();

        /**
         * How often a running instance refreshes its build's lease, with one Upload API call (not counted against the
         * Admin API's hourly limit).
         */
        @WithDefault("2m")
        Duration refreshInterval();

        /**
         * How long a lease stays fresh after its last refresh. A build whose lease is fresh is live: the redundant
         * static cleanup keeps its files, and an orphan cleanup that does not know all of its `@CloudinaryFile`
         * attributes deletes nothing. Keep it several refresh intervals long, so that a missed refresh or two (a
         * network failure, a long pause) do not make a running build look gone.
         */
        @WithDefault("10m")
        Duration ttl();
    }

    interface Http {

        /**
         * How long to wait for a connection to Cloudinary to open. Defaults to the Cloudinary URL's `timeout` parameter
         * (seconds), else 10 seconds.
         */
        @ConfigDocDefault("the URL's timeout, else 10s")
        Optional<Duration> connectTimeout();

        /**
         * How long to wait for data on an open connection before giving up on an attempt. Each attempt waits at most
         * what is left of the call's `deadline`. Defaults to the Cloudinary URL's `timeout` parameter (seconds), else
         * 60 seconds.
         */
        @ConfigDocDefault("the URL's timeout, else 60s")
        Optional<Duration> readTimeout();

        /**
         * The longest one call to Cloudinary may take, all its attempts and the waits between them included (an upload,
         * a delete, one page of a listing). When it has passed, the call fails with a `CloudinaryTimeoutException`; each
         * attempt's read, connect and pool timeouts are cut to what is left of it. Keep it below the transaction timeout
         * of transactions that upload (`quarkus.transaction-manager.default-transaction-timeout`, 60 seconds by
         * default), so that a call gives up while its transaction can still roll back cleanly. A chunked upload (files
         * above `media.chunked-upload-threshold`) sends many requests: the deadline bounds each of them, not the whole
         * file.
         */
        @WithDefault("45s")
        Duration deadline();

        /**
         * How long a call waits for a free connection of the pool.
         */
        @WithDefault("30s")
        Duration poolTimeout();

        /**
         * The most connections open to Cloudinary at once, across the Upload API, the Admin API and downloads.
         */
        @WithDefault("20")
        int maxConnections();
    }

    interface Retry {

        /**
         * How many times an idempotent call is tried again after a server error (5xx) or a network failure.
         * `0` disables retries.
         */
        @WithDefault("3")
        int maxRetries();

        /**
         * Wait before the first retry; each further retry waits twice as long, with jitter.
         */
        @WithDefault("200ms")
        Duration initialBackoff();

        /**
         * The longest wait between two retries.
         */
        @WithDefault("5s")
        Duration maxBackoff();

        /**
         * When the Admin API answers "rate limited" (420) and its limit resets within this time, the call waits
         * for the reset and is tried once more; otherwise it fails at once with a
         * `CloudinaryRateLimitedException` that carries the reset time.
         */
        @WithDefault("10s")
        Duration maxRateLimitWait();
    }

    interface Media {

        /**
         * Tag put on every uploaded media file; orphan cleanup finds media files by it.
         */
        @WithDefault("media")
        String tag();

        /**
         * Folder prepended to the public id of every media file, for example `media`. None by default.
         */
        Optional<String> prefix();

        /**
         * Message of the error raised when a file stored into a video field is not a video.
         */
        @WithDefault("Please upload a valid video file.")
        String invalidVideoMessage();

        /**
         * Delivery type of stored media: `upload` (public URLs), `private` (the original needs a signed or
         * expiring URL, derived versions are public) or `authenticated` (every URL is signed).
         */
        @WithDefault("upload")
        DeliveryType deliveryType();

        /**
         * Files larger than this, or streams that turn out to be larger, are sent with Cloudinary's chunked upload.
         * Cloudinary refuses single requests above 100 MB.
         */
        @WithDefault("100M")
        MemorySize chunkedUploadThreshold();

        /**
         * Size of each chunk of a chunked upload. The SDK holds about two chunks in memory per upload in progress, so
         * this bounds the heap an upload needs. Cloudinary wants at least 5 MB.
         */
        @WithDefault("20M")
        MemorySize chunkSize();
    }

    enum DeliveryType {
        UPLOAD,
        PRIVATE,
        AUTHENTICATED;

        /** The name Cloudinary uses in URLs and API calls. */
        public String cloudinaryName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    interface StaticResources {

        /**
         * Tag put on every uploaded static resource.
         */
        @WithDefault("static")
        String tag();

        /**
         * When the static upload runs: `on-start` uploads in the background as soon as the application has started
         * (startup does not wait for it), `manual` only when `StaticResources.upload()` is called (from code, a job or
         * the Dev UI).
         *
         * Defaults to `on-start`, except in dev mode against a real Cloudinary account (no emulator), where it defaults to
         * `manual`: a developer's restarts should not upload to a shared account unless asked to.
         */
        @ConfigDocDefault("on-start; manual in dev mode against a real account")
        Optional<StaticUploadMode> upload();

        /**
         * Whether the unhashed copies (`static/css/site.css`) are uploaded too, beside the hashed files. Their URLs
         * stay the same from one release to the next, so browsers and CDNs may serve stale copies: use them only for
         * clients that cannot know hashed names.
         */
        @WithDefault("false")
        boolean uploadUnhashed();

        /**
         * How many files are uploaded at the same time. Keep it below `quarkus.cloudinary.http.max-connections`.
         */
        @WithDefault("8")
        int concurrency();

        /**
         * How often a running upload logs its progress (files done, rate, time left).
         */
        @WithDefault("5s")
        Duration progressInterval();

        /**
         * In dev mode, whether static URLs point at the application's own files (`/css/site.css`, served by Quarkus
         * and reloaded on change) instead of Cloudinary, as the original package did when debugging. Transformations
         * are then ignored.
         */
        @WithDefault("true")
        boolean serveLocallyInDevMode();

        /**
         * Cleanup of redundant static resources.
         */
        StaticCleanup cleanup();
    }

    enum StaticUploadMode {
        ON_START,
        MANUAL
    }

    interface StaticCleanup {

        /**
         * Whether the unhashed copies of the current static resources are kept. Defaults to `upload-unhashed`, so that
         * cleanup never deletes what the upload puts there on purpose.
         */
        Optional<Boolean> keepUnhashed();

        /**
         * How many previous deployments keep their static resources, so that instances still running an older release
         * during a rolling deploy, or a rollback, find theirs. Every upload records the deployment's manifest on
         * Cloudinary, as a raw file tagged with the static tag; the most recent records other than the current one
         * are kept, with every file they list. The orphan cleanup also defers while one of these builds knows a
         * `@CloudinaryFile` attribute the running build does not (after a rollback, for example).
         */
        @WithDefault("2")
        int keepPreviousDeployments();

        /**
         * Static resources uploaded more recently than this are never deleted, whatever the manifests say.
         */
        @WithDefault("24h")
        Duration keepYoungerThan();

        /**
         * The most files one run may delete. A run that would delete more stops before its first delete, deletes
         * nothing, and its report lists what would have gone; a person then confirms the exact number (Dev UI, or the
         * `confirmedDeletes` argument). `0` refuses every delete without confirmation.
         */
        @WithDefault("1000")
        long maxDeletes();

        /**
         * The largest share, from `0` to `1`, of the owned files a run scanned that it may delete. An application started
         * against an empty or wrong database sees every file as unneeded: this stops that run before its first delete.
         * `1` switches the ratio check off.
         */
        @WithDefault("0.5")
        double maxDeleteRatio();
    }

    interface Orphans {

        /**
         * Public id prefixes the orphan cleanup never deletes, for example `media/keep/`.
         */
        Optional<List<String>> excludePaths();

        /**
         * Media files younger than this are never deleted, referenced or not: a file uploaded while the row that will
         * reference it is not yet committed must survive a cleanup running at that moment. Keep it longer than the
         * longest transaction that uploads files.
         */
        @WithDefault("1h")
        Duration gracePeriod();

        /**
         * The most orphans a report names (with size, creation time and URL). Counts and total bytes always cover every
         * orphan; the names stop here so that a report stays small whatever the account's size.
         */
        @WithDefault("1000")
        int reportLimit();

        /**
         * Admin API calls of the hourly budget that a cleanup leaves to the application: when the rate-limit headers
         * say no more than this many calls are left, the run stops with a report saying what is left, and the next run
         * goes on from there.
         */
        @WithDefault("20")
        int rateLimitReserve();

        /**
         * The most files one run may delete. A run that would delete more stops before its first delete, deletes
         * nothing, and its report lists what would have gone; a person then confirms the exact number (Dev UI, or the
         * `confirmedDeletes` argument). `0` refuses every delete without confirmation.
         */
        @WithDefault("1000")
        long maxDeletes();

        /**
         * The largest share, from `0` to `1`, of the owned files a run scanned that it may delete. An application started
         * against an empty or wrong database sees every file as unneeded: this stops that run before its first delete.
         * `1` switches the ratio check off.
         */
        @WithDefault("0.5")
        double maxDeleteRatio();

        /**
         * The scheduled cleanup job.
         */
        Cleanup cleanup();

        /**
         * How the listing of every owned media file is spread over runs.
         */
        Reconciliation reconciliation();

        /**
         * The candidate cleanup: files whose names the application's own changes dropped.
         */
        Candidates candidates();
    }

    interface Reconciliation {

        /**
         * The most Admin API calls one run spends: the listing of the leases of running builds, listing pages, and the
         * check and delete call of each batch of 100 orphans. A run lists pages only while the calls it made, the next
         * page and the check and delete calls its orphans could need still fit; the rest of the pass is left to the
         * next runs, which go on from the cursor kept in the database. A run a person confirmed past the guard may
         * spend more on its deletes. Retries of a failing call count too.
         *
         * The default, 100, is a fifth of the smallest hourly Admin API budget (500 on the Free plan): with a run every
         * hour, the application keeps most of its budget, and an account of 1,000,000 media files (2,000 pages) is
         * reconciled in a day or two of hourly runs, well within `interval`. At least 16: one page and the deletes it may
         * need.
         */
        @WithDefault("100")
        int maxCallsPerRun();

        /**
         * The time from the start of one pass (a listing of every owned media file of every resource type an attribute
         * holds) to the start of the next. Scheduled runs between the end of a pass and the start of the next do nothing
         * and spend no call. Runs started from code or the Dev UI start the next pass at once.
         */
        @WithDefault("7d")
        Duration interval();
    }

    interface Candidates {

        /**
         * Whether changes that drop a name from a `@CloudinaryFile` attribute (with `deleteReplaced`) record it as a
         * cleanup candidate, in the table `cloudinary_media_journal` of the application's database (created when
         * missing), and whether the candidate job deletes those files. Off, only the orphan cleanup's listing finds
         * them.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * How often the candidate job runs, for example `5m`, or `off`. A run that finds no candidate due makes no
         * request to Cloudinary at all. With several instances, one runs at a time (see
         * `quarkus.cloudinary.orphans.cleanup.cluster-lock`).
         */
        @WithDefault("5m")
        String every();

        /**
         * How long a dropped name waits before its file may be deleted: a rollback of the application's data, a page
         * still showing the old file, a build rolled back to that still uses it, all get this long. A name referenced
         * again within it stays; dropped again later, it waits again.
         */
        @WithDefault("15m")
        Duration gracePeriod();

        /**
         * The most files one candidate run deletes; the rest are left for the next run, oldest first.
         */
        @WithDefault("1000")
        int maxDeletesPerRun();

        /**
         * How a candidate run deletes: `destroy` sends one Upload API call per file, in parallel, and spends nothing of
         * the hourly Admin API budget; `bulk` sends one Admin API call per 100 files; `auto` uses `bulk` only when more
         * than `bulk-above` files are due in one run and the Admin API budget left, as Cloudinary last reported it,
         * covers those calls on top of `quarkus.cloudinary.orphans.rate-limit-reserve`, and `destroy` otherwise. So
         * with the defaults, the day-to-day trickle of replaced files never touches the Admin API budget, and a
         * backlog (after an outage, or a large import) goes out 100 per call when the budget allows.
         */
        @WithDefault("auto")
        DeleteMethod deleteWith();

        /**
         * With `delete-with=auto`: the number of due files above which a run deletes with the bulk Admin API call.
         */
        @WithDefault("200")
        int bulkAbove();

        /**
         * How many `destroy` calls a candidate run keeps in flight at once.
         */
        @WithDefault("8")
        int destroyConcurrency();
    }

    /** How the candidate cleanup deletes files. */
    enum DeleteMethod {
        /** `bulk` for a large backlog when the Admin API budget allows it, `destroy` otherwise. */
        AUTO,
        /** One Upload API call per file, in parallel; no Admin API budget spent. */
        DESTROY,
        /** One Admin API call per 100 files. */
        BULK
    }

    interface Cleanup {

        /**
         * When the cleanup job runs, as a Quartz-style cron expression (`0 30 3 * * ?` is every night at 03:30), or
         * `off`. The job never starts while another cleanup runs in the same application, and with several instances
         * only one runs each tick (see `cluster-lock`).
         *
         * The default, `0 23 * * * ?`, ticks every hour at 23 minutes past: each tick goes on with the reconciliation
         * pass, spending at most `reconciliation.max-calls-per-run` Admin API calls, so that a weekly pass is spread
         * over hours and never takes a whole hourly budget. Ticks between the end of a pass and the start of the next
         * (`reconciliation.interval`) spend nothing. Needs the `quarkus-scheduler` extension.
         */
        @WithDefault("0 23 * * * ?")
        String cron();

        /**
         * Whether the job only reports what it would delete, in its log line, without deleting.
         */
        @WithDefault("false")
        boolean dryRun();

        /**
         * Whether a scheduled run first takes a lock in the application's database (a row of the table
         * `cloudinary_cleanup_lock`, created when missing), so that with several instances exactly one runs per tick.
         * Runs started from code or the Dev UI take no lock.
         */
        @WithDefault("true")
        boolean clusterLock();

        /**
         * How long the lock of a run stays taken without a sign of life from its holder. The holder renews it every
         * third of this while it runs; when an instance dies during a run, the next tick after this time runs again.
         */
        @WithDefault("15m")
        Duration lockTtl();

        /**
         * The datasource holding the lock, by name. The default datasource when not set.
         */
        Optional<String> lockDatasource();
    }
}
