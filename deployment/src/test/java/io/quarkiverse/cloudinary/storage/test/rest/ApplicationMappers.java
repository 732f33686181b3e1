package io.quarkiverse.cloudinary.storage.test.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkiverse.cloudinary.storage.InvalidMediaContentException;

/** An application's own mapper for one of the extension's exceptions. */
public class ApplicationMappers {

    @ServerExceptionMapper
    public Response unsupportedType(InvalidMediaContentException e) {
        return Response.status(Response.Status.UNSUPPORTED_MEDIA_TYPE).entity(e.detectedType() + " is not accepted here")
                .build();
    }
}
