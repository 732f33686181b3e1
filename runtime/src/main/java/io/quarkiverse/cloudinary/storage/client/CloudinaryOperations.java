package io.quarkiverse.cloudinary.storage.client;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.cloudinary.Api;
import com.cloudinary.Cloudinary;
import com.cloudinary.Uploader;
import com.cloudinary.api.ApiResponse;
import com.cloudinary.api.RateLimit;

import io.quarkiverse.cloudinary.storage.CloudinaryException;
import io.quarkiverse.cloudinary.storage.CloudinaryNetworkException;
import io.quarkiverse.cloudinary.storage.CloudinaryRateLimitedException;
import io.quarkiverse.cloudinary.storage.CloudinaryTimeoutException;
import io.quarkiverse.cloudinary.storage.metrics.CloudinaryMetrics;

/**
 * Calls Cloudinary through the injected SDK client with this extension's timeouts, and turns every failure into a
 * {@link CloudinaryException}. Every feature of the extension goes through here, so errors read the same everywhere.
 * <p>
 * Each call has one deadline ({@code quarkus.cloudinary.http.deadline}) for all its attempts and the waits between
 * them: every attempt's connect, read and pool timeouts are cut to what is left, no retry starts that could not end in
 * time, and a call still failing when it has passed ends with a {@link CloudinaryTimeoutException}.
 *
 * <pre>
 * Map&lt;?, ?&gt; result = operations.upload("upload of avatars/1", (uploader, options) -&gt; {
 *     options.put("public_id", "avatars/1");
 *     return uploader.upload(bytes, options);
 * });
 * </pre>
 */
@Singleton
public class CloudinaryOperations {

    private static final Logger LOG = Logger.getLogger(CloudinaryOperations.class);

    /** An Upload API call; {@code options} already holds timeouts and {@code return_error}, add to it. */
    @FunctionalInterface
    public interface UploadCall {
        Map<?, ?> call(Uploader uploader, Map<String, Object> options) throws Exception;
    }

    /** An Admin API call; {@code options} already holds timeouts, add to it. */
    @FunctionalInterface
    public interface AdminCall {
        ApiResponse call(Api api, Map<String, Object> options) throws Exception;
    }

    private final Cloudinary cloudinary;
    private final CloudinarySettings settings;
    private final CloudinaryMetrics metrics;
    private final AtomicReference<RateLimitStatus> rateLimit = new AtomicReference<>();
    // the SDK builds a new HTTP client on every uploader()/api() call: keep one of each
    private final Uploader uploader;
    private final Api api;

    @Inject
    public CloudinaryOperations(Cloudinary cloudinary, CloudinarySettings settings, CloudinaryMetrics metrics) {
        this.cloudinary = cloudinary;
        this.settings = settings;
        this.metrics = metrics;
        this.uploader = cloudinary.uploader();
        this.api = cloudinary.api();
    }

    /** Operations that record no metrics, for tools and tests that build a client of their own. */
    public CloudinaryOperations(Cloudinary cloudinary, CloudinarySettings settings) {
        this(cloudinary, settings, CloudinaryMetrics.NONE);
    }

    /** The SDK client, for what this class does not wrap (URL generation, signatures). */
    public Cloudinary cloudinary() {
        return cloudinary;
    }

    /** Where the storages, cleanups and static upload report what they did. */
    public CloudinaryMetrics metrics() {
        return metrics;
    }

    /** The settings the client was built with. */
    public CloudinarySettings settings() {
        return settings;
    }

    /** One Upload API call, not retried, within the deadline. */
    public Map<?, ?> upload(String operation, UploadCall call) {
        return withRetries(operation, newDeadline(), 0, deadline -> attemptUpload(operation, call, deadline));
    }

    /**
     * One chunked upload ({@code uploader.uploadLarge}), not retried. The SDK sends it as many requests: each is bounded
     * by the deadline, the whole is not, since its length grows with the file's.
     */
    public Map<?, ?> uploadChunked(String operation, UploadCall call) {
        Deadline perRequest = newDeadline();
        return withRetries(operation, Deadline.none(), 0, none -> attemptUpload(operation, (uploader, options) -> {
            // with return_error the SDK would go on sending the remaining chunks after a failed one
            options.remove("return_error");
            return call.call(uploader, options);
        }, perRequest));
    }

    /** One Admin API call, not retried, within the deadline. Its rate-limit headers update {@link #rateLimit()}. */
    public ApiResponse admin(String operation, AdminCall call) {
        return withRetries(operation, newDeadline(), 0, deadline -> attemptAdmin(operation, call, deadline));
    }

    /**
     * An idempotent Upload API call, retried on server errors, network failures and short rate limits, all within one
     * deadline.
     */
    public Map<?, ?> uploadIdempotent(String operation, UploadCall call) {
        return retrying(operation, deadline -> attemptUpload(operation, call, deadline));
    }

    /**
     * An idempotent Admin API call, retried on server errors, network failures and short rate limits, all within one
     * deadline.
     */
    public ApiResponse adminIdempotent(String operation, AdminCall call) {
        return retrying(operation, deadline -> attemptAdmin(operation, call, deadline));
    }

    /**
     * Runs an idempotent action, trying it again as {@code quarkus.cloudinary.retry.*} says, within the deadline of
     * {@code quarkus.cloudinary.http.deadline}. The action is given the deadline, to cut its own timeouts to what is left
     * ({@link #timeouts(Deadline)}). The last failure is thrown as it is, unless the deadline passed: then a
     * {@link CloudinaryTimeoutException} carries it.
     */
    public <T> T retrying(String operation, Function<Deadline, T> action) {
        return retrying(operation, newDeadline(), action);
    }

    /** The same, within a deadline of the caller's, {@link Deadline#none()} included. */
    public <T> T retrying(String operation, Deadline deadline, Function<Deadline, T> action) {
        return withRetries(operation, deadline, settings.retryPolicy().maxRetries(), action);
    }

    private <T> T withRetries(String operation, Deadline deadline, int maxRetries, Function<Deadline, T> action) {
        RetryPolicy policy = settings.retryPolicy();
        boolean waitedForRateLimit = false;
        for (int attempt = 1;; attempt++) {
            CloudinaryException failure;
            try {
                return action.apply(deadline);
            } catch (CloudinaryRateLimitedException e) {
                Duration untilReset = Duration.between(Instant.now(), e.resetAt());
                if (waitedForRateLimit || untilReset.compareTo(policy.maxRateLimitWait()) > 0
                        || untilReset.compareTo(deadline.remaining()) >= 0) {
                    throw e;
                }
                waitedForRateLimit = true;
                LOG.debugf("%s was rate limited, waiting %d ms for the reset", operation, untilReset.toMillis());
                sleep(operation, untilReset.isNegative() ? Duration.ZERO : untilReset);
                continue;
            } catch (CloudinaryException e) {
                failure = e;
            }
            if (!failure.isTransient()) {
                throw failure;
            }
            if (deadline.passed()) {
                throw new CloudinaryTimeoutException(operation, deadline.length(), attempt, failure);
            }
            if (attempt > maxRetries) {
                throw failure;
            }
            Duration backoff = policy.backoff(attempt);
            if (backoff.compareTo(deadline.remaining()) >= 0) {
                throw new CloudinaryTimeoutException(operation, deadline.length(), attempt, failure);
            }
            LOG.debugf("%s failed (%s), retry %d of %d in %d ms", operation, failure.cloudinaryMessage(), attempt,
                    maxRetries, backoff.toMillis());
            sleep(operation, backoff);
        }
    }

    private Map<?, ?> attemptUpload(String operation, UploadCall call, Deadline deadline) {
        Map<String, Object> options = timeouts(deadline);
        options.put("return_error", true);
        Map<?, ?> result;
        try {
            result = call.call(uploader, options);
        } catch (Exception e) {
            throw CloudinaryErrors.fromThrowable(operation, e, this::rateLimitReset);
        }
        CloudinaryException error = CloudinaryErrors.fromUploadResult(operation, result, this::rateLimitReset);
        if (error != null) {
            throw error;
        }
        return result;
    }

    private ApiResponse attemptAdmin(String operation, AdminCall call, Deadline deadline) {
        ApiResponse response;
        try {
            response = call.call(api, timeouts(deadline));
        } catch (Exception e) {
            throw CloudinaryErrors.fromThrowable(operation, e, this::rateLimitReset);
        }
        recordRateLimit(response);
        return response;
    }

    /** The typed exception for a failure of a call this class did not make, such as a download. */
    public CloudinaryException translate(String operation, Throwable failure) {
        return CloudinaryErrors.fromThrowable(operation, failure, this::rateLimitReset);
    }

    /** The typed exception for an HTTP error answer Cloudinary gave to a call this class did not make. */
    public CloudinaryException translate(String operation, int status, String message) {
        return CloudinaryErrors.forStatus(operation, status, message, null, this::rateLimitReset);
    }

    /** The Admin API budget as its last answer reported it, if any call was made yet. */
    public Optional<RateLimitStatus> rateLimit() {
        return Optional.ofNullable(rateLimit.get());
    }

    /** A new deadline of {@code quarkus.cloudinary.http.deadline}, starting now. */
    public Deadline newDeadline() {
        return Deadline.after(settings.deadline());
    }

    /** Per-call SDK options that bound every phase of one attempt, each cut to what is left of the deadline. */
    public Map<String, Object> timeouts(Deadline deadline) {
        Map<String, Object> options = new HashMap<>();
        // the SDK casts these to Integer: a Long would fail at call time
        options.put("connect_timeout", deadline.cap(settings.connectTimeout()));
        options.put("timeout", deadline.cap(settings.readTimeout()));
        options.put("connection_request_timeout", deadline.cap(settings.poolTimeout()));
        return options;
    }

    private void recordRateLimit(ApiResponse response) {
        try {
            RateLimit limit = response.apiRateLimit();
            if (limit != null && limit.getReset() != null) {
                rateLimit.set(new RateLimitStatus(limit.getLimit(), limit.getRemaining(), limit.getReset().toInstant(),
                        Instant.now()));
            }
        } catch (ParseException e) {
            LOG.debugf("Unreadable rate-limit headers: %s", e.getMessage());
        }
    }

    /**
     * When a 420 ends. The SDK drops the headers of error answers, so this is the reset of the last successful answer
     * when still ahead, else the end of the current hour, which is how Cloudinary's windows are cut.
     */
    private Instant rateLimitReset() {
        Instant now = Instant.now();
        RateLimitStatus last = rateLimit.get();
        if (last != null && last.resetAt().isAfter(now)) {
            return last.resetAt();
        }
        return now.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant();
    }

    private static void sleep(String operation, Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudinaryNetworkException(operation, "interrupted while waiting to retry", e);
        }
    }
}
