package io.quarkiverse.cloudinary.storage.it;

import java.net.URI;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.quarkiverse.cloudinary.storage.fields.CloudinaryFiles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Uploads into the {@code @CloudinaryFile} fields of {@link MediaItem}, and a page listing them. */
@Path("/items")
public class MediaItemResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance items(List<MediaItem> items);
    }

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    CloudinaryFiles files;

    @POST
    @Transactional
    public Response create(@RestForm String title, @RestForm FileUpload image, @RestForm FileUpload document,
            @RestForm FileUpload video) {
        if (title == null || title.isBlank()) {
            throw new BadRequestException("A title is required");
        }
        MediaItem item = new MediaItem();
        item.title = title;
        // each call checks its file before it uploads; a refusal rolls back, which deletes what earlier calls stored
        if (video != null) {
            files.store(item, "video", video);
        }
        if (image != null) {
            files.store(item, "image", image);
        }
        if (document != null) {
            files.store(item, "document", document);
        }
        item.persist();
        return Response.seeOther(URI.create("/items/" + item.id)).build();
    }

    @GET
    @Path("page")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page() {
        return Templates.items(MediaItem.listAll());
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public MediaItem get(@PathParam("id") long id) {
        MediaItem item = MediaItem.findById(id);
        if (item == null) {
            throw new NotFoundException();
        }
        return item;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<MediaItem> list() {
        return MediaItem.listAll();
    }

    @POST
    @Path("{id}/image")
    @Transactional
    public MediaItem replaceImage(@PathParam("id") long id, @RestForm FileUpload image,
            @RestForm boolean failAfterUpload) {
        MediaItem item = get(id);
        files.store(item, "image", image);
        if (failAfterUpload) {
            // lets tests prove that a rollback keeps the old file and drops the new one
            throw new IllegalStateException("failing after the upload, as asked");
        }
        return item;
    }

    /** Lets tests prove that a commit failing after the upload keeps the old file and drops the new one too. */
    @POST
    @Path("{id}/image-then-failing-commit")
    @Transactional
    public MediaItem replaceImageThenFailTheCommit(@PathParam("id") long id, @RestForm FileUpload image) {
        MediaItem item = replaceImage(id, image, false);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                throw new IllegalStateException("failing the commit, as asked");
            }

            @Override
            public void afterCompletion(int status) {
            }
        });
        return item;
    }
}
