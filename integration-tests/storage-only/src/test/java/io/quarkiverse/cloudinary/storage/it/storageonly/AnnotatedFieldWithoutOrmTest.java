package io.quarkiverse.cloudinary.storage.it.storageonly;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.cloudinary.storage.CloudinaryFile;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code @CloudinaryFile} in an application without Hibernate ORM would be a field that nothing stores into and that
 * the cleanup never sees: the build fails and says what to add.
 * <p>
 * The annotated class is compiled while the test runs, not with the test sources: the {@code @QuarkusTest}
 * applications of this module index every test class, and an annotated one among them would fail their builds too.
 */
class AnnotatedFieldWithoutOrmTest {

    private static final String PRODUCT = "io.quarkiverse.cloudinary.storage.it.storageonly.generated.Product";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .setArchiveProducer(() -> ShrinkWrap.create(JavaArchive.class)
                    .add(new ByteArrayAsset(compiledProduct()), PRODUCT.replace('.', '/') + ".class"))
            .assertException(thrown -> {
                StringBuilder messages = new StringBuilder();
                for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
                    messages.append(cause.getMessage()).append('\n');
                }
                String message = messages.toString();
                assertTrue(message.contains("this application has no Hibernate ORM: add quarkus-hibernate-orm-panache"),
                        message);
                assertTrue(message.contains(PRODUCT + ".photo"), message);
            });

    @Test
    void buildFails() {
        fail("the build accepted @CloudinaryFile without Hibernate ORM");
    }

    private static byte[] compiledProduct() {
        try {
            Path sources = Files.createTempDirectory("annotated-without-orm");
            Path source = sources.resolve("Product.java");
            Files.writeString(source, """
                    package io.quarkiverse.cloudinary.storage.it.storageonly.generated;

                    public class Product {
                        @io.quarkiverse.cloudinary.storage.CloudinaryFile
                        public String photo;
                    }
                    """);
            String annotations = Path.of(CloudinaryFile.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            int status = compiler.run(null, null, null, "-classpath", annotations, "-d", sources.toString(),
                    source.toString());
            if (status != 0) {
                throw new IllegalStateException("javac could not compile the annotated class, status " + status);
            }
            byte[] compiled = Files.readAllBytes(sources.resolve(PRODUCT.replace('.', '/') + ".class"));
            try (var files = Files.walk(sources)) {
                for (Path path : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                    Files.delete(path);
                }
            }
            return compiled;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
