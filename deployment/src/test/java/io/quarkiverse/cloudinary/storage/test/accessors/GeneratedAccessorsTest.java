package io.quarkiverse.cloudinary.storage.test.accessors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.List;

import jakarta.inject.Inject;

import org.hibernate.engine.spi.SelfDirtinessTracker;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFileRegistry;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFiles;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code CloudinaryFiles} stores into and reads from every attribute shape through the accessors the build generated:
 * hand-written setters are called, Panache's generated ones too, and no accessor is a reflective one.
 */
class GeneratedAccessorsTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .setArchiveProducer(() -> ShrinkWrap.create(JavaArchive.class)
                    .addClasses(Leaflet.class, Brochure.class, Printed.class, Binding.class))
            .overrideConfigKey("quarkus.datasource.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:accessors;DB_CLOSE_DELAY=-1")
            .overrideConfigKey("quarkus.hibernate-orm.schema-management.strategy", "drop-and-create");

    @Inject
    CloudinaryFiles files;

    @Inject
    CloudinaryFileRegistry registry;

    private String store(Object entity, String attribute, String name) {
        return files.store(entity, attribute, name, new ByteArrayInputStream(("content of " + name).getBytes()));
    }

    @Test
    void aPrivateFieldIsWrittenThroughItsSetter() {
        Brochure brochure = new Brochure();
        String stored = store(brochure, "cover", "front.txt");
        assertEquals("covers/front.txt", stored.substring(stored.indexOf("covers/")));
        assertEquals(stored, brochure.getCover());
        assertEquals(1, brochure.coverWrites, "the setter was called once");
        assertTrue(files.url(brochure, "cover").endsWith("/" + stored), files.url(brochure, "cover"));
    }

    @Test
    void anInheritedFieldAnEmbeddableAndACollectionAreReachedWithoutReflection() {
        Brochure brochure = new Brochure();
        brochure.setBinding(new Binding());
        String proof = store(brochure, "proof", "proof.txt");
        String spine = store(brochure, "binding.spine", "spine.txt");
        String page = store(brochure, "pages", "page-1.txt");
        assertEquals(proof, brochure.proof);
        assertTrue(List.of(((SelfDirtinessTracker) brochure).$$_hibernate_getDirtyAttributes()).contains("proof"),
                "the mapped superclass' field was written through Panache's setter");
        assertEquals(spine, brochure.getBinding().spine);
        assertEquals(List.of(page), brochure.pages);
        assertTrue(files.url(brochure, "binding.spine").endsWith("/" + spine));
    }

    @Test
    void aNullEmbeddableReadsAsNoFile() {
        assertNull(files.url(new Brochure(), "binding.spine"));
    }

    @Test
    void aPanacheFieldIsWrittenThroughTheGeneratedSetter() {
        Leaflet leaflet = new Leaflet();
        String stored = store(leaflet, "scan", "scan.txt");
        assertEquals(stored, leaflet.scan);
        // Hibernate tracks a write made inside the entity, as Panache's setter makes it, and misses a field write
        // from another class
        assertEquals(List.of("scan"), List.of(((SelfDirtinessTracker) leaflet).$$_hibernate_getDirtyAttributes()));
    }

    @Test
    void everyFieldHasAGeneratedAccessor() {
        assertEquals(5, registry.fields().size(), registry.fields().toString());
        for (var field : registry.fields()) {
            Class<?> accessor = registry.accessor(field).getClass();
            assertTrue(accessor.getName().startsWith(field.entityClass() + "$$CloudinaryFileAccessor"),
                    field.displayName() + ": " + accessor.getName());
        }
        assertEquals(CloudinaryResourceType.RAW, registry.field(Brochure.class, "binding.spine").orElseThrow().type());
    }
}
