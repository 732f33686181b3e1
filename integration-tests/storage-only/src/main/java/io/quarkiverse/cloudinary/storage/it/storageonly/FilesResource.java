package io.quarkiverse.cloudinary.storage.it.storageonly;

import java.io.InputStream;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.quarkiverse.cloudinary.storage.media.CloudinaryStorage;
import io.quarkiverse.cloudinary.storage.media.ImageStorage;
import io.quarkiverse.cloudinary.storage.media.RawStorage;
import io.quarkiverse.cloudinary.storage.media.VideoStorage;

/** Files whose names the application keeps itself, with no entity and no database: the storages alone. */
@Path("/files/{type}")
public class FilesResource {

    @Inject
    ImageStorage images;

    @Inject
    RawStorage raw;

    @Inject
    VideoStorage videos;

    @POST
    @Produces(MediaType.TEXT_PLAIN)
    public String save(@PathParam("type") String type, @RestForm String name, @RestForm FileUpload file) {
        return storage(type).save(name, file.uploadedFile());
    }

    @GET
    @Path("content")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public InputStream open(@PathParam("type") String type, @RestQuery String name) {
        return storage(type).open(name);
    }

    @GET
    @Path("url")
    @Produces(MediaType.TEXT_PLAIN)
    public String url(@PathParam("type") String type, @RestQuery String name) {
        return storage(type).url(name);
    }

    @DELETE
    @Produces(MediaType.TEXT_PLAIN)
    public boolean delete(@PathParam("type") String type, @RestQuery String name) {
        return storage(type).delete(name);
    }

    private CloudinaryStorage storage(String type) {
        return switch (type) {
            case "image" -> images;
            case "raw" -> raw;
            case "video" -> videos;
            default -> throw new NotFoundException("No storage for " + type);
        };
    }
}
