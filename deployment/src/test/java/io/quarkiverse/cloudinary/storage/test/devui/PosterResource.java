package io.quarkiverse.cloudinary.storage.test.devui;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import io.quarkiverse.cloudinary.storage.media.ImageStorage;

/** Stores posters, referenced by a row or not, so that the Dev UI tests have orphans to find. */
@Path("/posters")
public class PosterResource {

    @Inject
    ImageStorage images;

    @POST
    @Transactional
    public String store(@QueryParam("name") String name, @QueryParam("referenced") boolean referenced)
            throws IOException {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        String stored = images.save(name, new ByteArrayInputStream(png.toByteArray()), png.size(), false);
        if (referenced) {
            Poster poster = new Poster();
            poster.image = stored;
            poster.persist();
        }
        return stored;
    }

    /** Empties, one entity at a time, the rows that hold a name: each change records the dropped name. */
    @PUT
    @Transactional
    public long unreference(@QueryParam("name") String name) {
        List<Poster> holding = Poster.list("image", name);
        holding.forEach(poster -> poster.image = null);
        return holding.size();
    }

    /** Forgets every row, so that each test starts from an empty table. */
    @DELETE
    @Transactional
    public long clear() {
        return Poster.deleteAll();
    }

    @GET
    public boolean exists(@QueryParam("name") String name) {
        return images.exists(name);
    }
}
