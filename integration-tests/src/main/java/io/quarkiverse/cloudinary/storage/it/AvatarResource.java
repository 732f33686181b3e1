package io.quarkiverse.cloudinary.storage.it;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.cloudinary.Transformation;

import io.quarkiverse.cloudinary.storage.media.ImageStorage;

/** One storage used directly, as the guide shows it: avatars by user. */
@Path("/avatars")
@Produces(MediaType.TEXT_PLAIN)
public class AvatarResource {

    @Inject
    ImageStorage images;

    @POST
    @Path("{user}")
    public String upload(@PathParam("user") String user, @RestForm FileUpload file) {
        // the name to keep in the database, for example media/avatars/42.jpg
        return images.save("avatars/" + user + ".jpg", file);
    }

    @GET
    @Path("thumbnail")
    public String thumbnail(@QueryParam("name") String stored) {
        return images.url(stored, new Transformation<>().width(200).height(200).crop("fill"));
    }

    @GET
    @Path("size")
    public long size(@QueryParam("name") String stored) {
        // CloudinaryNotFoundException when there is no such file
        return images.size(stored);
    }

    @DELETE
    public boolean delete(@QueryParam("name") String stored) {
        // true when it existed; deleting twice is harmless
        return images.delete(stored);
    }
}
