package io.quarkiverse.cloudinary.storage.test.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.quarkiverse.cloudinary.storage.CloudinaryNotFoundException;
import io.quarkiverse.cloudinary.storage.CloudinaryServerException;
import io.quarkiverse.cloudinary.storage.InvalidMediaContentException;
import io.quarkiverse.cloudinary.storage.InvalidMediaNameException;

/** Throws the extension's exceptions, to see which mapper answers them. */
@Path("/throw/{kind}")
public class ExceptionProbeResource {

    @GET
    public String fail(@PathParam("kind") String kind) {
        throw switch (kind) {
            case "name" -> new InvalidMediaNameException("a?b", "'?' is not allowed in Cloudinary public ids");
            case "content" -> new InvalidMediaContentException("Poster.image accepts image/png; a.png is image/gif",
                    "a.png", "image/gif", List.of("image/png"));
            case "server" -> new CloudinaryServerException("upload of a.png", 500, "General Error", null);
            default -> new CloudinaryNotFoundException("details of " + kind, 404, "Resource not found - " + kind, null);
        };
    }
}
