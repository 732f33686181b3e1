package io.quarkiverse.cloudinary.storage.rest;

import java.time.Duration;
import java.time.Instant;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import org.cloudinary.json.JSONObject;
import org.jboss.logging.Logger;

import io.quarkiverse.cloudinary.storage.CloudinaryException;
import io.quarkiverse.cloudinary.storage.CloudinaryNetworkException;
import io.quarkiverse.cloudinary.storage.CloudinaryNotFoundException;
import io.quarkiverse.cloudinary.storage.CloudinaryRateLimitedException;
import io.quarkiverse.cloudinary.storage.InvalidMediaContentException;
import io.quarkiverse.cloudinary.storage.InvalidMediaNameException;
import io.quarkiverse.cloudinary.storage.MediaTooLargeException;

/**
 * The answers a Quarkus REST application gives by default to this extension's exceptions, registered unless
 * {@code quarkus.cloudinary.rest.exception-mappers=false}. Each body is {@code {"error": "<short message>"}}.
 * <p>
 * What the client did wrong (a name, a type, a size) is said in full: it is the client's own input. What went wrong
 * with Cloudinary is said in one sentence naming the operation, and nothing of Cloudinary's own text, which can
 * hold the API key, a signature and the string that was signed; the log keeps the whole message. A mapper of the
 * application for the same exception type wins over these.
 */
public final class CloudinaryExceptionMappers {

    private static final Logger LOG = Logger.getLogger(CloudinaryExceptionMappers.class);

    private CloudinaryExceptionMappers() {
    }

    /** 400 with the exception's message: what the client sent is refused, and the message says why. */
    abstract static class ClientError<T extends RuntimeException> implements ExceptionMapper<T> {
        @Override
        public Response toResponse(T e) {
            LOG.debugf("Answered 400: %s", e.getMessage());
            return answer(Response.status(400), e.getMessage());
        }
    }

    /** 400: the name cannot be a Cloudinary public id. */
    public static class InvalidName extends ClientError<InvalidMediaNameException> {
    }

    /** 400: the storage or field does not accept the content's type. */
    public static class InvalidContent extends ClientError<InvalidMediaContentException> {
    }

    /** 400: the file is larger than its field accepts. */
    public static class TooLarge extends ClientError<MediaTooLargeException> {
    }

    /** 404: Cloudinary has no such file. */
    public static class NotFound implements ExceptionMapper<CloudinaryNotFoundException> {
        @Override
        public Response toResponse(CloudinaryNotFoundException e) {
            LOG.debugf("Answered 404: %s", e.getMessage());
            return answer(Response.status(404), "Not found on Cloudinary (" + e.operation() + ")");
        }
    }

    /** 503 with {@code Retry-After}: the Admin API's hourly budget is spent until the limit resets. */
    public static class RateLimited implements ExceptionMapper<CloudinaryRateLimitedException> {
        @Override
        public Response toResponse(CloudinaryRateLimitedException e) {
            LOG.warnf("Answered 503: %s", e.getMessage());
            long seconds = retryAfterSeconds(e.resetAt());
            return answer(Response.status(503).header(HttpHeaders.RETRY_AFTER, seconds),
                    "Cloudinary's rate limit is reached (" + e.operation() + "); try again in " + seconds + " seconds");
        }
    }

    /** 502: Cloudinary refused or failed the call, or could not be reached. */
    public static class CloudinaryFailure implements ExceptionMapper<CloudinaryException> {
        @Override
        public Response toResponse(CloudinaryException e) {
            LOG.warnf("Answered 502: %s", e.getMessage());
            String message;
            if (e instanceof CloudinaryNetworkException) {
                message = "Cloudinary could not be reached (" + e.operation() + ")";
            } else if (e.status() > 0) {
                message = "Cloudinary answered the " + e.operation() + " with HTTP " + e.status();
            } else {
                message = "Cloudinary could not complete the " + e.operation();
            }
            return answer(Response.status(502), message);
        }
    }

    static long retryAfterSeconds(Instant resetAt) {
        long seconds = resetAt == null ? 0 : Duration.between(Instant.now(), resetAt).toSeconds() + 1;
        return Math.max(1, seconds);
    }

    private static Response answer(Response.ResponseBuilder response, String message) {
        return response.type(MediaType.APPLICATION_JSON).entity(new JSONObject().put("error", message).toString())
                .build();
    }
}
