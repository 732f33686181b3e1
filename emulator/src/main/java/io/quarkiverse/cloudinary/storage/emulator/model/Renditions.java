package io.quarkiverse.cloudinary.storage.emulator.model;

import java.io.IOException;

/**
 * What the resource model asks of an image engine: format conversion for the {@code format} upload parameter and
 * derived versions for {@code eager}. Implemented by the delivery side, which owns the image code; the model only
 * stores what comes back.
 */
public interface Renditions {

    /** An image made from an original. */
    record Rendition(byte[] bytes, String format, int width, int height) {
    }

    /**
     * @param original the stored bytes
     * @param format their format ({@code png}, {@code jpg}, ...)
     * @param targetFormat the format to convert to
     * @return the converted image
     * @throws ApiError 400 when this emulator cannot read the original or write the target format
     */
    Rendition convert(byte[] original, String format, String targetFormat) throws IOException;

    /**
     * @param transformation one eager transformation: steps joined by {@code /}, optionally ending with a format
     *        ({@code c_scale,w_100/png})
     * @throws ApiError 400 for a malformed transformation, or one this emulator cannot apply
     */
    Rendition derive(byte[] original, String format, String transformation) throws IOException;

    /** Refuses everything: for a model used without an image engine. */
    Renditions NONE = new Renditions() {
        @Override
        public Rendition convert(byte[] original, String format, String targetFormat) {
            throw ApiError.badRequest("The emulator cannot convert " + format + " to " + targetFormat);
        }

        @Override
        public Rendition derive(byte[] original, String format, String transformation) {
            throw ApiError.badRequest("The emulator cannot apply eager transformations");
        }
    };
}
