package io.quarkiverse.cloudinary.storage.test.statics;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import io.quarkiverse.cloudinary.storage.statics.StaticResources;

@Path("/static-probe")
public class StaticProbeResource {

    @Inject
    StaticResources statics;

    @GET
    @Path("url")
    public String url(@QueryParam("name") String name) {
        return statics.url(name, "c_scale,w_10");
    }

    @GET
    @Path("hashed")
    public String hashed(@QueryParam("name") String name) {
        return statics.manifest().find(name).orElseThrow().hashedName();
    }
}
