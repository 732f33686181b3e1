package io.quarkiverse.cloudinary.storage.test.nativeimage;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Defines the classes of some packages itself, from their jars, and records what code running in them asks for by
 * name: classes through {@code Class.forName} (which {@code ServiceLoader} uses too), not the loading the JVM does to
 * link a class, and resources. That is what a native image must be told about.
 */
final class RecordingClassLoader extends URLClassLoader {

    private final List<String> ownPackages;
    final Set<String> classesByName = ConcurrentHashMap.newKeySet();
    final Set<String> resources = ConcurrentHashMap.newKeySet();

    RecordingClassLoader(URL[] jars, ClassLoader parent, List<String> ownPackages) {
        super(jars, parent);
        this.ownPackages = ownPackages;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (askedByLibraryCode()) {
            classesByName.add(name);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null && ownPackages.stream().anyMatch(name::startsWith)) {
                try {
                    loaded = findClass(name);
                } catch (ClassNotFoundException notInTheseJars) {
                    // a class of the package from another jar
                }
            }
            return loaded != null ? loaded : getParent().loadClass(name);
        }
    }

    /**
     * The classes asked for by name that were also initialised. A class asked for by name is linked, and the JVM
     * loads the classes its verification needs from that same {@code Class.forName}: those are only loaded, not
     * initialised, and need no registration.
     */
    Set<String> initializedClassesByName() throws ReflectiveOperationException {
        Field theUnsafe = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
        theUnsafe.setAccessible(true);
        Object unsafe = theUnsafe.get(null);
        Method shouldBeInitialized = unsafe.getClass().getMethod("shouldBeInitialized", Class.class);
        Set<String> initialized = new TreeSet<>();
        for (String name : classesByName) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded != null && !(Boolean) shouldBeInitialized.invoke(unsafe, loaded)) {
                initialized.add(name);
            }
        }
        return initialized;
    }

    @Override
    public URL getResource(String name) {
        resources.add(name);
        return super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        resources.add(name);
        return super.getResources(name);
    }

    /**
     * Whether the first caller outside the class loaders is {@code Class.forName}: when the JVM resolves a constant,
     * the first caller is the method that uses it.
     */
    private boolean askedByLibraryCode() {
        return StackWalker.getInstance().walk(frames -> frames
                .dropWhile(f -> f.getClassName().equals(RecordingClassLoader.class.getName())
                        || f.getClassName().startsWith("java.lang.ClassLoader")
                        || f.getClassName().startsWith("java.net.URLClassLoader")
                        || f.getClassName().startsWith("jdk.internal.loader"))
                .findFirst()
                .map(f -> f.getClassName().equals("java.lang.Class") && f.getMethodName().startsWith("forName"))
                .orElse(false));
    }
}
