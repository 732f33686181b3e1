package io.quarkiverse.cloudinary.storage.it.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import io.quarkiverse.cloudinary.storage.fields.AttributeAccessor;
import io.quarkiverse.cloudinary.storage.it.Album;
import io.quarkiverse.cloudinary.storage.it.MediaItem;

/**
 * What {@code CloudinaryFiles.store()} does to the entity around the upload (check the path, read the previous name,
 * write the new one) for a Panache entity's own field ({@code MediaItem.image}) and a field in an embeddable
 * ({@code Album.cover.image}): before, with the reflective lookups it made on every call, and after, through the
 * accessor the build generated. Runs on the packaged demo's classes, with Panache's setters and Hibernate's change
 * tracking in place; the upload itself, a network call, is left out. Asserts only that both ways store the same name.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FieldAccessBenchmark {

    private static final String NAME = "media/items/images/poster.png";

    @State(Scope.Benchmark)
    public static class Drivers {

        @Param({ "image", "cover.image" })
        public String attribute;

        PackagedDemo demo;
        Function<String, Object> reflective;
        Function<String, Object> generated;

        @Setup
        @SuppressWarnings("unchecked")
        public void open() throws ReflectiveOperationException {
            demo = PackagedDemo.open(List.of(ReflectiveFieldWork.class, GeneratedFieldWork.class, Entities.class));
            reflective = (Function<String, Object>) demo.loadClass(ReflectiveFieldWork.class.getName())
                    .getConstructor(String.class).newInstance(attribute);
            generated = (Function<String, Object>) demo.loadClass(GeneratedFieldWork.class.getName())
                    .getConstructor(String.class).newInstance(attribute);
        }

        @TearDown
        public void close() throws java.io.IOException {
            demo.close();
        }
    }

    @Benchmark
    public Object reflectiveLookups(Drivers drivers) {
        return drivers.reflective.apply(NAME);
    }

    @Benchmark
    public Object generatedAccessor(Drivers drivers) {
        return drivers.generated.apply(NAME);
    }

    @Test
    void storeFieldWork() throws Exception {
        for (String attribute : List.of("image", "cover.image")) {
            Drivers check = new Drivers();
            check.attribute = attribute;
            check.open();
            try {
                check.reflective.apply(NAME);
                check.generated.apply(NAME);
                assertEquals(NAME, check.reflective.apply("other"), attribute + " written and read reflectively");
                assertEquals(NAME, check.generated.apply("other"), attribute + " written and read by the accessor");
            } finally {
                check.close();
            }
        }
        // in this JVM: the packaged demo's classes live in a loader of their own, unaffected by the test class path
        var results = new Runner(new OptionsBuilder().include(FieldAccessBenchmark.class.getName() + "\\.")
                .forks(0).warmupIterations(5).warmupTime(TimeValue.seconds(1)).measurementIterations(10)
                .measurementTime(TimeValue.seconds(1)).build()).run();
        assertFalse(results.isEmpty());
        System.out.printf("%n=== store()'s field work on the packaged demo, ns per call, %d cores ===%n",
                Runtime.getRuntime().availableProcessors());
        for (RunResult result : results) {
            System.out.printf("%-20s %-12s %10.1f ± %.1f ns%n", result.getParams().getBenchmark()
                    .substring(FieldAccessBenchmark.class.getName().length() + 1),
                    result.getParams().getParam("attribute"), result.getPrimaryResult().getScore(),
                    result.getPrimaryResult().getScoreError());
        }
        System.out.printf("reproduce: ./mvnw -B -ntp install -DskipTests -pl deployment,integration-tests -am"
                + " && ./mvnw -B -ntp test -Pbenchmark -pl integration-tests -Dtest=FieldAccessBenchmark%n%n");
    }

    /** Creates the entity an attribute belongs to, with its embeddable set. */
    public static final class Entities {
        static Object owning(String attribute) {
            return attribute.startsWith("cover.") ? new Album() : new MediaItem();
        }
    }

    /** The steps store() takes on the entity, through the generated accessor. */
    public static final class GeneratedFieldWork implements Function<String, Object> {
        private final Object entity;
        private final String attribute;
        private final AttributeAccessor accessor;

        public GeneratedFieldWork(String attribute) throws ReflectiveOperationException {
            this.entity = Entities.owning(attribute);
            this.attribute = attribute;
            this.accessor = accessorOf(entity, attribute);
        }

        @Override
        public Object apply(String name) {
            String[] path = attribute.split("\\.");
            Object current = entity;
            for (int i = 0; i < path.length - 1; i++) {
                current = accessor.get(current, i);
                if (current == null || current instanceof Collection) {
                    throw new IllegalStateException(attribute);
                }
            }
            Object owner = entity;
            for (int i = 0; i < path.length - 1 && owner != null; i++) {
                owner = accessor.get(owner, i);
            }
            Object previous = accessor.get(owner, path.length - 1);
            owner = entity;
            for (int i = 0; i < path.length - 1; i++) {
                owner = accessor.get(owner, i);
            }
            accessor.set(owner, name);
            return previous;
        }

        /** The build numbers accessors across all entities: the one that reads a marker set on this path. */
        private static AttributeAccessor accessorOf(Object entity, String attribute) throws ReflectiveOperationException {
            String marker = "marker-" + attribute;
            ReflectiveFieldWork.write(entity, attribute.split("\\."), marker);
            ClassLoader loader = GeneratedFieldWork.class.getClassLoader();
            for (int i = 0; i < 64; i++) {
                AttributeAccessor candidate;
                try {
                    candidate = (AttributeAccessor) loader
                            .loadClass(entity.getClass().getName() + "$$CloudinaryFileAccessor" + i)
                            .getConstructor().newInstance();
                } catch (ClassNotFoundException notThisNumber) {
                    continue;
                }
                try {
                    Object value = entity;
                    int steps = attribute.split("\\.").length;
                    for (int step = 0; step < steps; step++) {
                        value = candidate.get(value, step);
                    }
                    if (marker.equals(value)) {
                        return candidate;
                    }
                } catch (RuntimeException anotherPath) {
                    // an accessor of another attribute of the entity
                }
            }
            throw new IllegalStateException("no generated accessor for " + entity.getClass().getName() + "." + attribute);
        }
    }

    /**
     * The same steps as CloudinaryFiles took them before accessors were generated: a getter or setter looked up by
     * name on every call, the field otherwise.
     */
    public static final class ReflectiveFieldWork implements Function<String, Object> {
        private final Object entity;
        private final String attribute;

        public ReflectiveFieldWork(String attribute) {
            this.entity = Entities.owning(attribute);
            this.attribute = attribute;
        }

        @Override
        public Object apply(String name) {
            String[] path = attribute.split("\\.");
            Object current = entity;
            for (int i = 0; i < path.length - 1; i++) {
                current = invokeGetter(current, path[i]);
                if (current == null || current instanceof Collection) {
                    throw new IllegalStateException(attribute);
                }
            }
            Object owner = owner(entity, path);
            Object previous = owner == null ? null : invokeGetter(owner, path[path.length - 1]);
            write(entity, path, name);
            return previous;
        }

        static void write(Object entity, String[] path, String value) {
            invokeSetter(owner(entity, path), path[path.length - 1], value);
        }

        private static Object owner(Object entity, String[] path) {
            Object current = entity;
            for (int i = 0; i < path.length - 1 && current != null; i++) {
                current = invokeGetter(current, path[i]);
            }
            return current;
        }

        private static Object invokeGetter(Object target, String name) {
            Method getter = method(target.getClass(), "get" + capitalize(name));
            try {
                return getter != null ? getter.invoke(target) : field(target.getClass(), name).get(target);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(e);
            }
        }

        private static void invokeSetter(Object target, String name, Object value) {
            Method setter = method(target.getClass(), "set" + capitalize(name), String.class);
            try {
                if (setter != null) {
                    setter.invoke(target, value);
                } else {
                    field(target.getClass(), name).set(target, value);
                }
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(e);
            }
        }

        private static Method method(Class<?> type, String name, Class<?>... parameters) {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                try {
                    Method method = c.getDeclaredMethod(name, parameters);
                    method.setAccessible(true);
                    return method;
                } catch (NoSuchMethodException ignored) {
                    // look further up
                }
            }
            return null;
        }

        private static Field field(Class<?> type, String name) {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                try {
                    Field field = c.getDeclaredField(name);
                    field.setAccessible(true);
                    return field;
                } catch (NoSuchFieldException ignored) {
                    // look further up
                }
            }
            throw new IllegalStateException(type.getName() + " has no field " + name);
        }

        private static String capitalize(String name) {
            return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
        }
    }
}
