package io.quarkiverse.cloudinary.storage.test.fields;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFileField;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFileRegistry;
import io.quarkus.test.QuarkusUnitTest;

/** The build finds every kind of annotated attribute and records it for the runtime. */
class CloudinaryFileRegistryTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .setArchiveProducer(() -> ShrinkWrap.create(JavaArchive.class)
                    .addClasses(Product.class, MediaBase.class, Clip.class, Address.class, Store.class, Shelf.class,
                            Warehouse.class))
            .overrideConfigKey("quarkus.datasource.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:registry;DB_CLOSE_DELAY=-1")
            .overrideConfigKey("quarkus.hibernate-orm.schema-management.strategy", "drop-and-create");

    @Inject
    CloudinaryFileRegistry registry;

    @Test
    void recordsEveryAnnotatedAttributeOnce() {
        assertEquals(List.of(
                new CloudinaryFileField(Clip.class.getName(), "Clip", "video", MediaBase.class.getName(), "video",
                        CloudinaryResourceType.VIDEO, "clips", false, "", List.of(), 0, true),
                new CloudinaryFileField(Product.class.getName(), "Shop_Product", "gallery", Product.class.getName(),
                        "gallery", CloudinaryResourceType.IMAGE, "", true, "", List.of(), 0, true),
                new CloudinaryFileField(Product.class.getName(), "Shop_Product", "manual", Product.class.getName(),
                        "manual", CloudinaryResourceType.RAW, "manuals", false, "",
                        List.of("application/pdf", "text/plain"), 2 * 1024 * 1024, false),
                new CloudinaryFileField(Product.class.getName(), "Shop_Product", "photo", Product.class.getName(),
                        "photo", CloudinaryResourceType.IMAGE, "products", false, "", List.of(), 0, true),
                new CloudinaryFileField(Store.class.getName(), "Store", "address.storefront", Address.class.getName(),
                        "storefront", CloudinaryResourceType.IMAGE, "storefronts", false, "", List.of(), 0, true),
                // an element collection of embeddables: the collection is joined, the element's attribute named
                new CloudinaryFileField(Warehouse.class.getName(), "Warehouse", "shelves.photo", Shelf.class.getName(),
                        "photo", CloudinaryResourceType.IMAGE, "shelves", true, "photo", List.of(), 0, true)),
                registry.fields());
    }

    @Test
    void answersByTypeAndByAttribute() {
        assertEquals(Set.of(CloudinaryResourceType.IMAGE, CloudinaryResourceType.RAW, CloudinaryResourceType.VIDEO),
                registry.resourceTypes());
        assertEquals(1, registry.fields(CloudinaryResourceType.RAW).size());
        assertEquals("clips", registry.field(Clip.class, "video").orElseThrow().folder());
        assertTrue(registry.field(Product.class, "notAFile").isEmpty());
    }
}
