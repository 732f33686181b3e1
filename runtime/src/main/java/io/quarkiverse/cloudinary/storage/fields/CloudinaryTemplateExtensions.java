package io.quarkiverse.cloudinary.storage.fields;

import com.cloudinary.Transformation;

import io.quarkus.arc.Arc;
import io.quarkus.qute.TemplateExtension;

/**
 * Qute: the URL of the file an entity's {@code @CloudinaryFile} field holds, optionally transformed.
 *
 * <pre>
 * &lt;img src="{cloudinary:url(product, 'photo', 'c_fill,w_200,h_200')}"&gt;
 * &lt;a href="{cloudinary:url(product, 'manual')}"&gt;Manual&lt;/a&gt;
 * </pre>
 */
@TemplateExtension(namespace = "cloudinary")
public final class CloudinaryTemplateExtensions {

    private CloudinaryTemplateExtensions() {
    }

    /** The URL of the original, or an empty string when the field holds no file. */
    static String url(Object entity, String attribute) {
        String url = files().url(entity, attribute);
        return url == null ? "" : url;
    }

    /**
     * @param transformation Cloudinary's URL syntax, for example {@code c_fill,w_200,h_200} or
     *        {@code c_scale,w_400/e_grayscale}
     */
    static String url(Object entity, String attribute, String transformation) {
        String url = files().url(entity, attribute, new Transformation<>().rawTransformation(transformation));
        return url == null ? "" : url;
    }

    private static CloudinaryFiles files() {
        return Arc.container().instance(CloudinaryFiles.class).get();
    }
}
