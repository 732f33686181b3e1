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

/**
 * Calls Cloudinary through the injected SDK client with this extension's timeouts, and turns every failure into a
 * {@link CloudinaryException}. Every feature of the extension goes through here, so errors read the same everywhere.
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
    private final AtomicReference<RateLimitStatus> rateLimit = new AtomicReference<>();
    // the SDK builds a new HTTP client on every uploader()/api() call: keep one of each
    private final Uploader uploader;
    private final Api api;

    public CloudinaryOperations(Cloudinary cloudinary, CloudinarySettings settings) {
        this.cloudinary = cloudinary;
        this.settings = settings;
        this.uploader = cloudinary.uploader();
        this.api = cloudinary.api();
    }

    /** The SDK client, for what this class does not wrap (URL generation, signatures). */
    public Cloudinary cloudinary() {
        return cloudinary;
    }

    /** One Upload API call, not retried. */
    public Map<?, ?> upload(String operation, UploadCall call) {
        Map<String, Object> options = timeouts();
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

    /** One Admin API call, not retried. Its rate-limit headers update {@link #rateLimit()}. */
    public ApiResponse admin(String operation, AdminCall call) {
        ApiResponse response;
        try {
            response = call.call(api, timeouts());
        } catch (Exception e) {
            throw CloudinaryErrors.fromThrowable(operation, e, this::rateLimitReset);
        }
        recordRateLimit(response);
        return response;
    }

    /** An idempotent Upload API call, retried on server errors, network failures and short rate limits. */
    public Map<?, ?> uploadIdempotent(String operation, UploadCall call) {
        return retrying(operation, () -> upload(operation, call));
    }

    /** An idempotent Admin API call, retried on server errors, network failures and short rate limits. */
    public ApiResponse adminIdempotent(String operation, AdminCall call) {
        return retrying(operation, () -> admin(operation, call));
    }

    /**
     * Runs an idempotent action, trying it again as {@code quarkus.cloudinary.retry.*} says. The last failure is
     * thrown as it is.
     */
    public <T> T retrying(String operation, java.util.function.Supplier<T> action) {
        RetryPolicy policy = settings.retryPolicy();
        boolean waitedForRateLimit = false;
        for (int retry = 0;; retry++) {
            try {
                return action.get();
            } catch (CloudinaryRateLimitedException e) {
                Duration untilReset = Duration.between(Instant.now(), e.resetAt());
                if (waitedForRateLimit || untilReset.compareTo(policy.maxRateLimitWait()) > 0) {
                    throw e;
                }
                waitedForRateLimit = true;
                LOG.debugf("%s was rate limited, waiting %d ms for the reset", operation, untilReset.toMillis());
                sleep(operation, untilReset.isNegative() ? Duration.ZERO : untilReset);
            } catch (CloudinaryException e) {
                if (!e.isTransient() || retry >= policy.maxRetries()) {
                    throw e;
                }
                Duration backoff = policy.backoff(retry + 1);
                LOG.debugf("%s failed (%s), retry %d of %d in %d ms", operation, e.cloudinaryMessage(), retry + 1,
                        policy.maxRetries(), backoff.toMillis());
                sleep(operation, backoff);
            }
        }
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

    /** Per-call SDK options that bound every phase of a call. */
    public Map<String, Object> timeouts() {
        Map<String, Object> options = new HashMap<>();
        // the SDK casts these to Integer: a Long would fail at call time
        options.put("connect_timeout", Math.toIntExact(settings.connectTimeout().toMillis()));
        options.put("timeout", Math.toIntExact(settings.readTimeout().toMillis()));
        options.put("connection_request_timeout", Math.toIntExact(settings.poolTimeout().toMillis()));
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
