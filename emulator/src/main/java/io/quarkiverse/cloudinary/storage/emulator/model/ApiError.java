package io.quarkiverse.cloudinary.storage.emulator.model;

/** A refusal with the HTTP status and message Cloudinary gives. */
public final class ApiError extends RuntimeException {

    private final int status;

    public ApiError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ApiError notFound(String publicId) {
        return new ApiError(404, "Resource not found - " + publicId);
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    public static ApiError unauthorized(String message) {
        return new ApiError(401, message);
    }
}
