package io.quarkiverse.cloudinary.storage.test.fields;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

import io.quarkus.test.QuarkusUnitTest;

/** Build errors arrive wrapped; the messages of the whole chain tell what the processor said. */
final class BuildFailures {

    private BuildFailures() {
    }

    static String messages(Throwable thrown) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    /** The build of an application with this one entity, on H2, which must fail saying this about the field. */
    static QuarkusUnitTest failingBuild(Class<?> entity, String field, String expected) {
        return new QuarkusUnitTest()
                .setArchiveProducer(() -> ShrinkWrap.create(JavaArchive.class).addClass(entity))
                .overrideConfigKey("quarkus.datasource.db-kind", "h2")
                .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:" + entity.getSimpleName())
                .assertException(thrown -> {
                    String message = messages(thrown);
                    String wanted = "@CloudinaryFile on " + entity.getName() + "." + field + ": " + expected;
                    assertTrue(message.contains(wanted), "expected \"" + wanted + "\" in:\n" + message);
                });
    }
}
