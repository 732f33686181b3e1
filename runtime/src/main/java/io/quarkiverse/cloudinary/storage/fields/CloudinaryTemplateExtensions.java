package io.quarkiverse.cloudinary.storage.fields;

import com.cloudinary.Transformation;

import io.quarkiverse.cloudinary.storage.statics.StaticResources;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.qute.TemplateExtension;

/**
 * Qute: the URL of the file an entity's {@code @CloudinaryFile} field holds, and of a static resource by its path
 * under {@code META-INF/resources}, optionally transformed. Qute allows one extension class per namespace, so both
 * live here. An unknown static resource fails the rendering with a message that names it.
 *
 * <pre>
 * &lt;img src="{cloudinary:url(product, 'photo', 'c_fill,w_200,h_200')}"&gt;
 * &lt;a href="{cloudinary:url(product, 'manual')}"&gt;Manual&lt;/a&gt;
 * &lt;link rel="stylesheet" href="{cloudinary:static('css/site.css')}"&gt;
 * &lt;img src="{cloudinary:static('img/logo.png', 'c_scale,w_120')}"&gt;
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

    /** The URL of a static resource, for example {@code css/site.css}. */
    @TemplateExtension(namespace = "cloudinary", matchName = "static")
    static String staticUrl(String originalName) {
        return staticResources().url(originalName);
    }

    /**
     * @param transformation Cloudinary's URL syntax, for example {@code c_fill,w_200,h_200}
     */
    @TemplateExtension(namespace = "cloudinary", matchName = "static")
    static String staticUrl(String originalName, String transformation) {
        return staticResources().url(originalName, transformation);
    }

    private static StaticResources staticResources() {
        return Arc.container().instance(StaticResources.class).get();
    }

    private static CloudinaryFiles files() {
        InstanceHandle<CloudinaryFiles> files = Arc.container().instance(CloudinaryFiles.class);
        if (!files.isAvailable()) {
            throw new IllegalStateException("{cloudinary:url(entity, attribute)} reads @CloudinaryFile attributes of"
                    + " Hibernate ORM entities, and this application has no Hibernate ORM; use the storages' url(...)"
                    + " for names the application keeps itself");
        }
        return files.get();
    }
}
