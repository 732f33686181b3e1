package io.quarkiverse.cloudinary.storage.test.orphans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkiverse.cloudinary.storage.orphans.OrphanCleanup;
import io.quarkiverse.cloudinary.storage.orphans.OrphanReport;
import io.quarkiverse.cloudinary.storage.orphans.OrphanedResource;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;
import io.quarkiverse.cloudinary.storage.test.fields.Address;
import io.quarkiverse.cloudinary.storage.test.fields.Clip;
import io.quarkiverse.cloudinary.storage.test.fields.MediaBase;
import io.quarkiverse.cloudinary.storage.test.fields.Product;
import io.quarkiverse.cloudinary.storage.test.fields.Shelf;
import io.quarkiverse.cloudinary.storage.test.fields.Store;
import io.quarkiverse.cloudinary.storage.test.fields.Warehouse;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The cleanup's database questions for every shape of annotated attribute the build records: an entity renamed with
 * {@code @Entity(name)}, an element collection, an embeddable, an element collection of embeddables, a mapped
 * superclass; on the emulator Dev Service. Files with a recorded stored name are found by it, the others also by
 * prefix.
 */
class OrphanCleanupEntityShapesTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .setArchiveProducer(() -> ShrinkWrap.create(JavaArchive.class)
                    .addClasses(Product.class, MediaBase.class, Clip.class, Address.class, Store.class,
                            Shelf.class, Warehouse.class))
            .overrideConfigKey("quarkus.datasource.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:orphans;DB_CLOSE_DELAY=-1")
            .overrideConfigKey("quarkus.hibernate-orm.schema-management.strategy", "drop-and-create");

    @Inject
    OrphanCleanup cleanup;

    @Inject
    EntityManager entities;

    @Inject
    StorageOwner owner;

    @Transactional
    void persistRows() {
        Product product = new Product();
        // listed as format jpg: a known alias
        product.photo = "products/p0.jpeg";
        product.manual = "manuals/m0.pdf";
        product.gallery.add("gallery/g0.png");
        product.gallery.add("gallery/g1.PNG");
        entities.persist(product);
        Store store = new Store();
        store.address = new Address();
        // no extension at all
        store.address.storefront = "storefronts/s0";
        entities.persist(store);
        Clip clip = new Clip();
        // listed as mp4: found by prefix
        clip.video = "clips/c0.mov";
        entities.persist(clip);
        Warehouse warehouse = new Warehouse();
        Shelf shelf = new Shelf();
        shelf.label = "top";
        // the listed format in upper case
        shelf.photo = "shelves/h0.JPG";
        warehouse.shelves.add(shelf);
        Shelf bare = new Shelf();
        bare.label = "no photo";
        warehouse.shelves.add(bare);
        entities.persist(warehouse);
        Product recorded = new Product();
        // a PNG stored under a .jpg name: listed as png, found by the name its upload recorded
        recorded.photo = "products/r00.jpg";
        entities.persist(recorded);
    }

    @Test
    void keepsWhatEveryShapeReferencesAndDeletesTheRest() {
        EmulatorControlClient emulator = new EmulatorControlClient(
                ConfigProvider.getConfig().getValue("quarkus.cloudinary.api-base-url", String.class));
        emulator.reset();
        Duration old = Duration.ofHours(3);
        // seeded public ids are the prefix, an index and, for raw files only, the suffix
        emulator.seed("image", "products/p", ".jpg", 3, 10, "media", old, owner.context());
        emulator.seed("image", "gallery/g", ".png", 3, 10, "media", old, owner.context());
        emulator.seed("image", "storefronts/s", ".webp", 2, 10, "media", old, owner.context());
        emulator.seed("video", "clips/c", ".mp4", 2, 10, "media", old, owner.context());
        emulator.seed("raw", "manuals/m", ".pdf", 2, 10, "media", old, owner.context());
        emulator.seed("image", "shelves/h", ".jpg", 2, 10, "media", old, owner.context());
        emulator.seed("image", "products/r0", ".png", 1, 10, "media", old, recorded("products/r00.jpg"));
        emulator.seed("image", "products/r1", ".png", 1, 10, "media", old, recorded("products/r10.png"));
        persistRows();

        OrphanReport report = cleanup.deleteOrphans();

        assertTrue(report.complete(), report.toString());
        assertEquals(16, report.scanned());
        assertEquals(8, report.referenced(), report.toString());
        assertEquals(Set.of("products/p1", "products/p2", "gallery/g2", "storefronts/s1", "clips/c1", "manuals/m1.pdf",
                "shelves/h1", "products/r10"),
                report.orphans().stream().map(OrphanedResource::publicId).collect(Collectors.toSet()));
        OrphanReport after = cleanup.findOrphans();
        assertEquals(8, after.scanned(), "the eight referenced files are all that is left");
        assertEquals(0, after.deleted());
    }

    /** The context the storages give an upload: the owner mark and the stored name. */
    private Map<String, String> recorded(String storedName) {
        Map<String, String> context = new HashMap<>(owner.context());
        context.put(StorageOwner.NAME_KEY, storedName);
        return context;
    }
}
