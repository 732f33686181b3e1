package io.quarkiverse.cloudinary.storage.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.http.NoHttpResponseException;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.conn.ConnectionPoolTimeoutException;

import com.cloudinary.api.AuthorizationRequired;
import com.cloudinary.api.exceptions.AlreadyExists;
import com.cloudinary.api.exceptions.ApiException;
import com.cloudinary.api.exceptions.BadRequest;
import com.cloudinary.api.exceptions.GeneralError;
import com.cloudinary.api.exceptions.NotAllowed;
import com.cloudinary.api.exceptions.NotFound;
import com.cloudinary.api.exceptions.RateLimited;

import io.quarkiverse.cloudinary.storage.CloudinaryBadRequestException;
import io.quarkiverse.cloudinary.storage.CloudinaryException;
import io.quarkiverse.cloudinary.storage.CloudinaryNetworkException;
import io.quarkiverse.cloudinary.storage.CloudinaryNotFoundException;
import io.quarkiverse.cloudinary.storage.CloudinaryRateLimitedException;
import io.quarkiverse.cloudinary.storage.CloudinaryServerException;
import io.quarkiverse.cloudinary.storage.CloudinaryUnauthorizedException;

/**
 * Turns the SDK's failures into this extension's typed exceptions. The SDK reports Upload API errors as plain
 * {@code RuntimeException}s (or, with {@code return_error}, as an {@code error} entry in the result) and Admin API
 * errors as one checked exception class per status; callers should not have to know either.
 */
final class CloudinaryErrors {

    private static final Pattern UNEXPECTED_STATUS = Pattern.compile("Server returned unexpected status code - (\\d{3})");

    private CloudinaryErrors() {
    }

    /**
     * The error of an Upload API result obtained with {@code return_error=true}, if the result is one.
     */
    static CloudinaryException fromUploadResult(String operation, Map<?, ?> result, Supplier<Instant> rateLimitReset) {
        Object error = result.get("error");
        if (!(error instanceof Map<?, ?> errorMap)) {
            return null;
        }
        Object message = errorMap.get("message");
        Object code = errorMap.get("http_code");
        int status = code instanceof Number number ? number.intValue() : parseStatus(String.valueOf(code));
        return forStatus(operation, status, message == null ? "unknown error" : message.toString(), null,
                rateLimitReset);
    }

    static CloudinaryException fromThrowable(String operation, Throwable failure, Supplier<Instant> rateLimitReset) {
        if (failure instanceof CloudinaryException typed) {
            return typed;
        }
        if (failure instanceof IOException io) {
            return network(operation, io);
        }
        if (failure instanceof ApiException api) {
            return fromAdminException(operation, api, rateLimitReset);
        }
        String message = failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
        Matcher unexpected = UNEXPECTED_STATUS.matcher(message);
        if (unexpected.find()) {
            return forStatus(operation, Integer.parseInt(unexpected.group(1)), message, failure, rateLimitReset);
        }
        if (message.startsWith("Invalid JSON response from server")) {
            return new CloudinaryServerException(operation, 0,
                    "the server answered with something that is not Cloudinary's JSON (a proxy or login page?): "
                            + message,
                    failure);
        }
        if (failure.getCause() instanceof IOException io) {
            return network(operation, io);
        }
        return new CloudinaryServerException(operation, 0, message, failure);
    }

    private static CloudinaryException fromAdminException(String operation, ApiException failure,
            Supplier<Instant> rateLimitReset) {
        String message = failure.getMessage();
        int status;
        if (failure instanceof BadRequest) {
            status = 400;
        } else if (failure instanceof AuthorizationRequired) {
            status = 401;
        } else if (failure instanceof NotAllowed) {
            status = 403;
        } else if (failure instanceof NotFound) {
            status = 404;
        } else if (failure instanceof AlreadyExists) {
            status = 409;
        } else if (failure instanceof RateLimited) {
            status = 420;
        } else if (failure instanceof GeneralError) {
            Matcher unexpected = UNEXPECTED_STATUS.matcher(String.valueOf(message));
            status = unexpected.find() ? Integer.parseInt(unexpected.group(1)) : 500;
        } else {
            status = 500;
        }
        return forStatus(operation, status, message, failure, rateLimitReset);
    }

    static CloudinaryException forStatus(String operation, int status, String message, Throwable cause,
            Supplier<Instant> rateLimitReset) {
        if (status == 404) {
            return new CloudinaryNotFoundException(operation, status, message, cause);
        }
        if (status == 401 || status == 403) {
            return new CloudinaryUnauthorizedException(operation, status, message, cause);
        }
        if (status == 420 || status == 429) {
            return new CloudinaryRateLimitedException(operation, status, message, rateLimitReset.get(), cause);
        }
        if (status >= 400 && status < 500) {
            return new CloudinaryBadRequestException(operation, status, message, cause);
        }
        return new CloudinaryServerException(operation, status, message, cause);
    }

    private static CloudinaryNetworkException network(String operation, IOException failure) {
        String what;
        if (failure instanceof ConnectTimeoutException) {
            what = "timed out connecting";
        } else if (failure instanceof ConnectionPoolTimeoutException) {
            what = "timed out waiting for a free connection of the pool";
        } else if (failure instanceof SocketTimeoutException || failure instanceof InterruptedIOException) {
            what = "timed out waiting for the answer";
        } else if (failure instanceof ConnectException) {
            what = "could not connect";
        } else if (failure instanceof UnknownHostException) {
            what = "unknown host";
        } else if (failure instanceof NoHttpResponseException) {
            what = "the server closed the connection without answering";
        } else {
            what = "the connection failed";
        }
        return new CloudinaryNetworkException(operation, what + " (" + failure + ")", failure);
    }

    private static int parseStatus(String code) {
        try {
            return Integer.parseInt(code.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
