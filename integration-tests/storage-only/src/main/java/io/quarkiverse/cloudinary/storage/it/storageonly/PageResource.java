package io.quarkiverse.cloudinary.storage.it.storageonly;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkiverse.cloudinary.storage.statics.StaticResources;
import io.quarkiverse.cloudinary.storage.statics.StaticUploadReport;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

/** A Qute page linking static resources through Cloudinary, and the upload that puts them there. */
@Path("/")
public class PageResource {

    @Inject
    Template page;

    @Inject
    StaticResources statics;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page() {
        return page.instance();
    }

    /** Uploaded files, then skipped and failed ones, e.g. {@code 1 0 0}. */
    @POST
    @Path("static-upload")
    @Produces(MediaType.TEXT_PLAIN)
    public String uploadStatics() {
        StaticUploadReport report = statics.upload();
        return report.uploaded() + " " + report.skipped() + " " + report.failed();
    }
}
