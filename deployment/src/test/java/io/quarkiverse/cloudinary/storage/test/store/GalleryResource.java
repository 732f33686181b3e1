package io.quarkiverse.cloudinary.storage.test.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.quarkiverse.cloudinary.storage.fields.CloudinaryFiles;

/** Stores an upload into one attribute of a new gallery, as an application's endpoint would, or as a stream. */
@Path("/galleries/{attribute}")
public class GalleryResource {

    @Inject
    CloudinaryFiles files;

    @POST
    public String store(@PathParam("attribute") String attribute, @RestForm FileUpload file,
            @QueryParam("stream") boolean stream) throws IOException {
        if (stream) {
            try (InputStream content = Files.newInputStream(file.uploadedFile())) {
                return files.store(new Gallery(), attribute, file.fileName(), content);
            }
        }
        return files.store(new Gallery(), attribute, file);
    }
}
