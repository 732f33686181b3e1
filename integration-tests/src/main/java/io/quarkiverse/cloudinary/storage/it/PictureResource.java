package io.quarkiverse.cloudinary.storage.it;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.cloudinary.Cloudinary;
import com.cloudinary.Transformation;

import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The demo: upload a picture, see it as a thumbnail that the CDN (or the emulator) renders.
 */
@Path("/")
public class PictureResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance pictures(List<PictureView> pictures, String cloudName);
    }

    /** What the page shows of a picture. */
    public record PictureView(long id, String title, String publicId, long bytes, String url, String thumbnailUrl) {
    }

    @Inject
    CloudinaryOperations cloudinary;

    @Inject
    Cloudinary sdk;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page() {
        return Templates.pictures(views(), sdk.config.cloudName);
    }

    @GET
    @Path("pictures")
    @Produces(MediaType.APPLICATION_JSON)
    public List<PictureView> list() {
        return views();
    }

    @POST
    @Path("pictures")
    @Transactional
    public Response upload(@RestForm("file") FileUpload file, @RestForm String title) {
        if (file == null || file.size() == 0) {
            throw new BadRequestException("Choose a picture to upload");
        }
        String publicId = "demo/pictures/" + UUID.randomUUID();
        // a fixed public id makes the upload idempotent, so a retry after a network failure cannot duplicate it
        Map<?, ?> result = cloudinary.uploadIdempotent("upload of " + publicId, (uploader, options) -> {
            options.put("public_id", publicId);
            options.put("overwrite", true);
            options.put("tags", "demo");
            return uploader.upload(file.uploadedFile().toFile(), options);
        });
        Picture picture = new Picture();
        picture.title = title == null || title.isBlank() ? file.fileName() : title;
        picture.publicId = (String) result.get("public_id");
        picture.bytes = ((Number) result.get("bytes")).longValue();
        picture.uploadedAt = Instant.now();
        picture.persist();
        return Response.seeOther(URI.create("/")).build();
    }

    private List<PictureView> views() {
        List<Picture> pictures = Picture.listAll();
        return pictures.stream()
                .map(p -> new PictureView(p.id, p.title, p.publicId, p.bytes,
                        sdk.url().generate(p.publicId),
                        sdk.url().transformation(new Transformation<>().width(200).height(200).crop("fill"))
                                .format("jpg").generate(p.publicId)))
                .toList();
    }
}
