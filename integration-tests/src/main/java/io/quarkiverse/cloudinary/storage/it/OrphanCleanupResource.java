package io.quarkiverse.cloudinary.storage.it;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestQuery;

import io.quarkiverse.cloudinary.storage.orphans.CleanupAlreadyRunningException;
import io.quarkiverse.cloudinary.storage.orphans.OrphanCleanup;
import io.quarkiverse.cloudinary.storage.orphans.OrphanReport;

/** Orphan cleanup on demand: a preview, and the real thing. Protect such endpoints in a real application. */
@Path("/orphans")
@Produces(MediaType.APPLICATION_JSON)
public class OrphanCleanupResource {

    @Inject
    OrphanCleanup cleanup;

    @GET
    public OrphanReport preview() {
        return cleanup.findOrphans();
    }

    /** The report of the last run, scheduled or not; 204 before the first. */
    @GET
    @Path("last")
    public Response last() {
        return cleanup.lastReport().map(r -> Response.ok(r).build()).orElseGet(() -> Response.noContent().build());
    }

    /**
     * @param confirm the number of files a refused run said it would delete: lets the run past its guard when it
     *        would delete exactly that many
     */
    @POST
    public Response delete(@RestQuery Long confirm) {
        try {
            return Response.ok(confirm == null ? cleanup.deleteOrphans() : cleanup.deleteOrphans(confirm)).build();
        } catch (CleanupAlreadyRunningException e) {
            return Response.status(Response.Status.CONFLICT).entity(e.getMessage()).build();
        }
    }
}
