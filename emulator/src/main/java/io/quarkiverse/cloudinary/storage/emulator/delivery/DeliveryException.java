package io.quarkiverse.cloudinary.storage.emulator.delivery;

/** A client error on a delivery URL: its status and the reason Cloudinary puts in {@code X-Cld-Error}. */
final class DeliveryException extends Exception {

    private static final long serialVersionUID = 1L;

    final int status;

    DeliveryException(int status, String cldError) {
        super(cldError, null, false, false);
        this.status = status;
    }

    static DeliveryException notFound(String publicId) {
        return new DeliveryException(404, "Resource not found - " + publicId);
    }
}
