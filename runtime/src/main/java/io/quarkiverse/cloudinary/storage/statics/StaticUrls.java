package io.quarkiverse.cloudinary.storage.statics;

import java.util.HashMap;
import java.util.Map;

import com.cloudinary.Cloudinary;
import com.cloudinary.Url;

/**
 * Delivery URLs of the static resources, built once with the SDK when the bean starts, so that a URL at render time
 * is a map lookup and, with a transformation, one concatenation.
 * <p>
 * Every static URL carries the version {@code v1}: CSS files reference other static resources by relative paths that
 * climb to the resource type segment, which needs the same number of segments in every URL.
 */
public final class StaticUrls {

    /** The URL around the transformation slot: {@code head + transformation + "/" + tail} or {@code head + tail}. */
    private record Parts(String head, String tail, String url) {
    }

    private final Map<String, Parts> byOriginalName;

    public StaticUrls(StaticManifest manifest, Cloudinary cloudinary) {
        Map<String, Parts> parts = new HashMap<>();
        for (StaticAsset asset : manifest.assets()) {
            Url url = cloudinary.url().resourceType(asset.resourceType().cloudinaryName()).type("upload").version(1);
            if (!asset.format().isEmpty()) {
                url.format(asset.format());
            }
            String full = url.generate(asset.publicId());
            String marker = "/" + asset.resourceType().cloudinaryName() + "/upload/";
            int slot = full.indexOf(marker) + marker.length();
            parts.put(asset.originalName(), new Parts(full.substring(0, slot), full.substring(slot), full));
        }
        this.byOriginalName = Map.copyOf(parts);
    }

    /** The URL of the hashed file, or {@code null} when the name is not a static resource. */
    public String url(String originalName) {
        Parts parts = byOriginalName.get(originalName);
        return parts == null ? null : parts.url();
    }

    /**
     * @param transformation Cloudinary's URL syntax, for example {@code c_fill,w_200,h_200}
     */
    public String url(String originalName, String transformation) {
        Parts parts = byOriginalName.get(originalName);
        if (parts == null) {
            return null;
        }
        if (transformation == null || transformation.isEmpty()) {
            return parts.url();
        }
        return parts.head() + transformation + "/" + parts.tail();
    }
}
