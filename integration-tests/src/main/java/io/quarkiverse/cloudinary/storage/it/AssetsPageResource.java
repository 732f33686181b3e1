package io.quarkiverse.cloudinary.storage.it;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.cloudinary.Cloudinary;
import com.cloudinary.Transformation;
import com.cloudinary.Url;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.media.MediaName;
import io.quarkiverse.cloudinary.storage.statics.StaticAsset;
import io.quarkiverse.cloudinary.storage.statics.StaticResources;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * A page of 50 static resource URLs and 50 media file URLs, as templates write them ({@code /pages/assets}), and the
 * same page with every URL built by the SDK at each render ({@code /pages/assets-sdk}): the page benchmark compares
 * the two through HTTP.
 */
@Path("/pages")
public class AssetsPageResource {

    static final int URLS_OF_EACH_KIND = 50;
    static final String TRANSFORMATION = "c_fill,w_120,h_120";

    /** A static resource the page links, with the transformation its URL carries ({@code ""} for none). */
    public record StaticLink(String name, String transformation) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance assets(List<StaticLink> statics, List<MediaItem> items);

        static native TemplateInstance urls(List<String> statics, List<String> images);
    }

    @Inject
    StaticResources statics;

    @Inject
    Cloudinary cloudinary;

    @GET
    @Path("assets")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance assets() {
        return Templates.assets(staticNames(), items());
    }

    @GET
    @Path("assets-sdk")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance assetsBuiltWithTheSdk() {
        List<String> staticUrls = new ArrayList<>();
        for (StaticLink link : staticNames()) {
            StaticAsset asset = statics.manifest().find(link.name()).orElseThrow();
            Url url = cloudinary.url().resourceType(asset.resourceType().cloudinaryName()).type("upload").version(1);
            if (!asset.format().isEmpty()) {
                url.format(asset.format());
            }
            if (!link.transformation().isEmpty()) {
                url.transformation(new Transformation<>().rawTransformation(link.transformation()));
            }
            staticUrls.add(url.generate(asset.publicId()));
        }
        List<String> imageUrls = new ArrayList<>();
        for (MediaItem item : items()) {
            imageUrls.add(cloudinary.url().resourceType("image").type("upload")
                    .transformation(new Transformation<>().rawTransformation(TRANSFORMATION))
                    .format(MediaName.extension(item.image).orElseThrow())
                    .generate(MediaName.publicId(CloudinaryResourceType.IMAGE, item.image)));
        }
        return Templates.urls(staticUrls, imageUrls);
    }

    /** The demo's static resources over and over, images transformed. */
    private List<StaticLink> staticNames() {
        List<StaticAsset> all = statics.manifest().assets().stream()
                .sorted((a, b) -> a.originalName().compareTo(b.originalName())).toList();
        List<StaticLink> links = new ArrayList<>();
        for (int i = 0; i < URLS_OF_EACH_KIND; i++) {
            StaticAsset asset = all.get(i % all.size());
            links.add(new StaticLink(asset.originalName(),
                    asset.resourceType() == CloudinaryResourceType.IMAGE ? TRANSFORMATION : ""));
        }
        return links;
    }

    /** Items as a page lists them; their names are what the storages store, the files need not exist to be linked. */
    private static List<MediaItem> items() {
        List<MediaItem> items = new ArrayList<>();
        for (int i = 0; i < URLS_OF_EACH_KIND; i++) {
            MediaItem item = new MediaItem();
            item.title = "item " + i;
            item.image = "media/items/images/photo-" + i + ".jpg";
            items.add(item);
        }
        return items;
    }
}
