package io.quarkiverse.cloudinary.storage.test.devui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.cloudinary.storage.test.fields.Address;
import io.quarkiverse.cloudinary.storage.test.fields.Clip;
import io.quarkiverse.cloudinary.storage.test.fields.MediaBase;
import io.quarkiverse.cloudinary.storage.test.fields.Product;
import io.quarkiverse.cloudinary.storage.test.fields.Store;
import io.quarkus.test.QuarkusDevModeTest;

/** The Media fields page lists every {@code @CloudinaryFile} attribute the build found, as the registry holds it. */
class MediaFieldsJsonRpcTest extends CloudinaryJsonRpcTest {

    @RegisterExtension
    static final QuarkusDevModeTest devMode = new QuarkusDevModeTest()
            .setArchiveProducer(() -> ShrinkWrap.create(JavaArchive.class)
                    .addClasses(Product.class, MediaBase.class, Clip.class, Address.class, Store.class)
                    .addAsResource(applicationProperties("""
                            quarkus.datasource.db-kind=h2
                            quarkus.datasource.jdbc.url=jdbc:h2:mem:devui-fields;DB_CLOSE_DELAY=-1
                            quarkus.hibernate-orm.schema-management.strategy=drop-and-create
                            """), "application.properties"));

    @Test
    void listsEveryAnnotatedAttribute() throws Exception {
        JsonNode fields = executeJsonRPCMethod("getMediaFields");

        List<String> rows = new ArrayList<>();
        fields.forEach(f -> rows.add(String.join("|", f.get("entity").asText(), f.get("attribute").asText(),
                f.get("resourceType").asText(), f.get("folder").asText(), f.get("collection").asText(),
                f.get("entityClass").asText())));
        assertEquals(List.of(
                "Clip|video|video|clips|false|" + Clip.class.getName(),
                "Shop_Product|gallery|image||true|" + Product.class.getName(),
                "Shop_Product|manual|raw|manuals|false|" + Product.class.getName(),
                "Shop_Product|photo|image|products|false|" + Product.class.getName(),
                "Store|address.storefront|image|storefronts|false|" + Store.class.getName()), rows);
    }
}
