package io.quarkiverse.cloudinary.storage.it;

import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkiverse.cloudinary.storage.CloudinaryException;
import io.quarkiverse.cloudinary.storage.CloudinaryNotFoundException;
import io.quarkiverse.cloudinary.storage.InvalidMediaNameException;
import io.quarkiverse.cloudinary.storage.InvalidVideoException;

/** How the demo turns the extension's errors into HTTP answers. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response invalidVideo(InvalidVideoException e) {
        return Response.status(400).type(MediaType.APPLICATION_JSON).entity(Map.of("error", e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response invalidName(InvalidMediaNameException e) {
        return Response.status(400).type(MediaType.APPLICATION_JSON).entity(Map.of("error", e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response notFound(CloudinaryNotFoundException e) {
        return Response.status(404).type(MediaType.APPLICATION_JSON).entity(Map.of("error", e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response cloudinary(CloudinaryException e) {
        // Cloudinary failed or could not be reached: the client may try again later
        return Response.status(502).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", e.getMessage(), "status", e.status())).build();
    }
}
