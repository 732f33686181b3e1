package io.quarkiverse.cloudinary.storage.emulator.delivery;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.quarkiverse.cloudinary.storage.emulator.model.ApiError;
import io.quarkiverse.cloudinary.storage.emulator.model.Renditions;

/**
 * Format conversions and eager derived versions with the same image code delivery URLs use, so an eager
 * transformation gives the image its delivery URL serves. Effects, angles, overlays and other keys the delivery side
 * ignores are ignored here too (see {@link ImageTransformer}); sizes, crops and formats are real.
 */
public final class ImageRenditions implements Renditions {

    @Override
    public Rendition convert(byte[] original, String format, String targetFormat) throws IOException {
        String target = ContentTypes.canonical(targetFormat);
        if (!ImageTransformer.canWrite(target)) {
            throw ApiError.badRequest("The emulator cannot convert images to " + targetFormat
                    + " (it writes " + String.join(", ", writable()) + ")");
        }
        return render(original, format, List.of(), target);
    }

    @Override
    public Rendition derive(byte[] original, String format, String transformation) throws IOException {
        List<TransformStep> steps = new ArrayList<>();
        String target = ContentTypes.canonical(format);
        String[] parts = transformation.split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            TransformStep.Parsed parsed = TransformStep.parse(part);
            if (parsed instanceof TransformStep.Valid valid) {
                steps.add(valid.step());
            } else if (parsed instanceof TransformStep.Invalid invalid) {
                throw ApiError.badRequest(invalid.message());
            } else if (i == parts.length - 1 && i > 0 && part.matches("[A-Za-z0-9]+")) {
                // an EagerTransformation's format comes last, after a slash
                target = ContentTypes.canonical(part.toLowerCase(Locale.ROOT));
            } else {
                throw ApiError.badRequest("Invalid transformation component - " + part);
            }
        }
        for (TransformStep step : steps) {
            String f = step.get("f");
            if (f != null && !f.startsWith("auto")) {
                target = ContentTypes.canonical(f);
            }
        }
        if (!ImageTransformer.canWrite(target)) {
            throw ApiError.badRequest("The emulator cannot make " + target + " images (it writes "
                    + String.join(", ", writable()) + ")");
        }
        return render(original, format, steps, target);
    }

    private static Rendition render(byte[] original, String format, List<TransformStep> steps, String target)
            throws IOException {
        ImageTransformer.Rendered rendered;
        try {
            rendered = ImageTransformer.render(original, steps, target);
        } catch (DeliveryException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        if (rendered == null) {
            throw ApiError.badRequest("The emulator cannot read " + format + " images (it reads "
                    + String.join(", ", readable()) + ")");
        }
        return new Rendition(rendered.bytes(), rendered.format(), rendered.width(), rendered.height());
    }

    private static List<String> writable() {
        return List.of("png", "jpg", "gif", "bmp", "tiff").stream().filter(ImageTransformer::canWrite).toList();
    }

    private static List<String> readable() {
        return List.of("png", "jpg", "gif", "bmp", "tiff").stream()
                .filter(f -> javax.imageio.ImageIO.getImageReadersByFormatName(f).hasNext()).toList();
    }
}
