package io.quarkiverse.cloudinary.storage.it;

import java.io.InputStream;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.cloudinary.Transformation;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFiles;
import io.quarkiverse.cloudinary.storage.media.CloudinaryStorage;
import io.quarkiverse.cloudinary.storage.media.FolderListing;

/**
 * The storages over HTTP, so that tests drive them as an application would: {@code /storage/{image|raw|video}/...}.
 */
@Path("/storage/{type}")
public class StorageResource {

    @Inject
    CloudinaryFiles files;

    @POST
    @Produces(MediaType.TEXT_PLAIN)
    public String save(@PathParam("type") String type, @RestForm String name, @RestForm FileUpload file,
            @RestForm @DefaultValue("false") boolean overwrite, @RestForm @DefaultValue("false") boolean stream) {
        CloudinaryStorage storage = storage(type);
        if (stream) {
            try (InputStream content = java.nio.file.Files.newInputStream(file.uploadedFile())) {
                return storage.save(name, content, -1, overwrite);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return storage.save(name, file.uploadedFile(), overwrite);
    }

    @GET
    @Path("content")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response open(@PathParam("type") String type, @QueryParam("name") String name,
            @HeaderParam("Range") String range) {
        CloudinaryStorage storage = storage(type);
        if (range != null && range.startsWith("bytes=")) {
            String[] bounds = range.substring(6).split("-");
            return Response.status(206)
                    .entity(storage.open(name, Long.parseLong(bounds[0]), Long.parseLong(bounds[1]))).build();
        }
        return Response.ok(storage.open(name)).build();
    }

    @GET
    @Path("size")
    public long size(@PathParam("type") String type, @QueryParam("name") String name) {
        return storage(type).size(name);
    }

    @GET
    @Path("exists")
    public boolean exists(@PathParam("type") String type, @QueryParam("name") String name) {
        return storage(type).exists(name);
    }

    @GET
    @Path("url")
    @Produces(MediaType.TEXT_PLAIN)
    public String url(@PathParam("type") String type, @QueryParam("name") String name,
            @QueryParam("width") Integer width, @QueryParam("crop") String crop) {
        Transformation<?> transformation = null;
        if (width != null) {
            transformation = new Transformation<>().width(width).height(width).crop(crop == null ? "fill" : crop);
        }
        return storage(type).url(name, transformation);
    }

    @GET
    @Path("expiring-url")
    @Produces(MediaType.TEXT_PLAIN)
    public String expiringUrl(@PathParam("type") String type, @QueryParam("name") String name,
            @QueryParam("seconds") long seconds) {
        return storage(type).expiringUrl(name, java.time.Duration.ofSeconds(seconds));
    }

    @GET
    @Path("list")
    @Produces(MediaType.APPLICATION_JSON)
    public FolderListing list(@PathParam("type") String type, @QueryParam("folder") @DefaultValue("") String folder) {
        return storage(type).list(folder);
    }

    @DELETE
    public Map<String, Boolean> delete(@PathParam("type") String type, @QueryParam("name") String name) {
        return Map.of("existed", storage(type).delete(name));
    }

    private CloudinaryStorage storage(String type) {
        try {
            return files.storage(CloudinaryResourceType.valueOf(type.toUpperCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No storage for " + type);
        }
    }
}
