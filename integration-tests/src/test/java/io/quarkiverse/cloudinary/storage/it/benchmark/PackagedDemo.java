package io.quarkiverse.cloudinary.storage.it.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The packaged demo's classes as its production run sees them (Panache's accessors and Hibernate's enhancement in the
 * entities, the build's generated classes), in a loader of their own, plus benchmark drivers defined in it so that
 * they call those classes directly.
 */
final class PackagedDemo extends URLClassLoader {

    static final Path APPLICATION = Path.of("target", "quarkus-app");

    private final List<String> drivers;

    private PackagedDemo(URL[] jars, List<String> drivers) {
        super(jars, ClassLoader.getPlatformClassLoader());
        this.drivers = drivers;
    }

    /** @param drivers classes of the test class path to define in this loader, against the packaged classes */
    static PackagedDemo open(List<Class<?>> drivers) {
        if (!Files.isDirectory(APPLICATION)) {
            throw new IllegalStateException(APPLICATION.toAbsolutePath() + " is missing: package the demo first"
                    + " (./mvnw install -DskipTests -pl deployment,integration-tests -am)");
        }
        List<URL> jars = new ArrayList<>();
        // transformed classes first: they replace the application's own
        for (String directory : List.of("quarkus", "app", "lib/main", "lib/boot")) {
            try (Stream<Path> files = Files.list(APPLICATION.resolve(directory))) {
                files.filter(f -> f.toString().endsWith(".jar"))
                        .sorted((a, b) -> a.getFileName().toString().startsWith("transformed") ? -1
                                : b.getFileName().toString().startsWith("transformed") ? 1 : a.compareTo(b))
                        .forEach(f -> jars.add(url(f)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new PackagedDemo(jars.toArray(URL[]::new), drivers.stream().map(Class::getName).toList());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (drivers.stream().anyMatch(name::startsWith)) {
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    String resource = name.replace('.', '/') + ".class";
                    try (InputStream in = PackagedDemo.class.getClassLoader().getResourceAsStream(resource)) {
                        byte[] bytes = in.readAllBytes();
                        loaded = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return loaded;
            }
        }
        return super.loadClass(name, resolve);
    }

    private static URL url(Path file) {
        try {
            return file.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
