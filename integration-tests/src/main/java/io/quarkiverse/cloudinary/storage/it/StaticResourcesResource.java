package io.quarkiverse.cloudinary.storage.it;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestQuery;

import io.quarkiverse.cloudinary.storage.statics.RedundantStaticOptions;
import io.quarkiverse.cloudinary.storage.statics.RedundantStaticReport;
import io.quarkiverse.cloudinary.storage.statics.StaticResources;
import io.quarkiverse.cloudinary.storage.statics.StaticUploadProgress;
import io.quarkiverse.cloudinary.storage.statics.StaticUploadReport;

/**
 * The demo's static resources from Java: their URLs, the upload and the cleanup, as an operator's endpoints.
 */
@Path("/static-resources")
@Produces(MediaType.APPLICATION_JSON)
public class StaticResourcesResource {

    @Inject
    StaticResources statics;

    @GET
    @Path("url")
    @Produces(MediaType.TEXT_PLAIN)
    public String url(@RestQuery String name, @RestQuery String transformation) {
        return statics.url(name, transformation);
    }

    @POST
    @Path("upload")
    public StaticUploadReport upload() {
        return statics.upload();
    }

    @GET
    @Path("upload")
    public StaticUploadProgress progress() {
        return statics.progress();
    }

    @GET
    @Path("redundant")
    public RedundantStaticReport redundant() {
        return statics.deleteRedundant(true);
    }

    @DELETE
    @Path("redundant")
    public RedundantStaticReport deleteRedundant(@RestQuery boolean keepUnhashed, @RestQuery Long confirm) {
        RedundantStaticOptions configured = statics.configuredCleanup(false);
        RedundantStaticOptions options = new RedundantStaticOptions(false, keepUnhashed,
                configured.keepPreviousDeployments(), configured.keepYoungerThan());
        return statics.deleteRedundant(confirm == null ? options : options.confirming(confirm));
    }
}
