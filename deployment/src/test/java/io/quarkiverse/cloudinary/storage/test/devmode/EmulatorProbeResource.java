package io.quarkiverse.cloudinary.storage.test.devmode;

import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import com.cloudinary.Cloudinary;

import io.quarkiverse.cloudinary.storage.CloudinaryNotFoundException;
import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;

@Path("/probe")
public class EmulatorProbeResource {

    static final String GENERATION = "generation-1";

    @Inject
    CloudinaryOperations operations;

    @Inject
    Cloudinary cloudinary;

    /** The delivery URL of a raw file, as the application renders it. */
    @GET
    @Path("url")
    public String url(@QueryParam("id") String publicId) {
        return cloudinary.url().resourceType("raw").generate(publicId);
    }

    @POST
    public String upload(@QueryParam("id") String publicId) {
        operations.upload("upload of " + publicId, (uploader, options) -> {
            options.put("resource_type", "raw");
            options.put("public_id", publicId);
            return uploader.upload(publicId.getBytes(StandardCharsets.UTF_8), options);
        });
        return GENERATION;
    }

    @GET
    public String exists(@QueryParam("id") String publicId) {
        try {
            operations.admin("details of " + publicId,
                    (api, options) -> {
                        options.put("resource_type", "raw");
                        return api.resource(publicId, options);
                    });
            return GENERATION + " found";
        } catch (CloudinaryNotFoundException e) {
            return GENERATION + " missing";
        }
    }
}
