package io.quarkiverse.cloudinary.storage.test.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkiverse.cloudinary.storage.CloudinaryException;

/** An application's mapper for the base class of Cloudinary's failures. */
public class ApplicationCloudinaryMapper {

    @ServerExceptionMapper
    public Response cloudinary(CloudinaryException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).entity("Cloudinary is unavailable").build();
    }
}
