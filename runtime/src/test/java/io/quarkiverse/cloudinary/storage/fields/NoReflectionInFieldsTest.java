package io.quarkiverse.cloudinary.storage.fields;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The fields package reads and writes entities through the accessors the build generates: its compiled classes name
 * nothing of {@code java.lang.reflect} and call no reflective lookup, which a native executable would refuse for
 * unregistered members. Read from the constant pools, so that no import, fully qualified name or helper escapes.
 */
class NoReflectionInFieldsTest {

    private static final Set<String> REFLECTIVE_CALLS = Set.of("getDeclaredMethod", "getDeclaredMethods",
            "getDeclaredField", "getDeclaredFields", "getDeclaredConstructor", "getMethod", "getMethods", "getField",
            "getFields", "setAccessible", "forName", "newInstance", "findVirtual", "findGetter", "findSetter",
            "findStatic", "unreflect", "unreflectGetter", "unreflectSetter", "privateLookupIn");

    @Test
    void theFieldsPackageUsesNoReflection() throws IOException, URISyntaxException {
        Path classes = Path.of(CloudinaryFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(CloudinaryFiles.class.getPackageName().replace('.', '/'));
        assertTrue(Files.isDirectory(classes), classes + " holds the compiled package");
        List<Path> files;
        try (Stream<Path> list = Files.list(classes)) {
            files = list.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
        assertTrue(files.stream().anyMatch(p -> p.endsWith("CloudinaryFiles.class")), files.toString());
        List<String> found = new ArrayList<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                reflectiveNames(in).forEach(name -> found.add(file.getFileName() + ": " + name));
            }
        }
        assertEquals(List.of(), found, "reflection in the fields package");
    }

    /** The check finds reflection where there is some: in this class's own fixture. */
    @Test
    void theCheckSeesReflection() throws IOException {
        try (InputStream in = Reflective.class.getResourceAsStream("NoReflectionInFieldsTest$Reflective.class")) {
            Set<String> names = reflectiveNames(in);
            assertTrue(names.contains("java/lang/reflect/Field"), names.toString());
            assertTrue(names.contains("setAccessible"), names.toString());
        }
        try (InputStream in = Plain.class.getResourceAsStream("NoReflectionInFieldsTest$Plain.class")) {
            assertFalse(reflectiveNames(in).iterator().hasNext(), "a plain class reads as clean");
        }
    }

    /** Names from a class file's constant pool that belong to reflection. */
    static Set<String> reflectiveNames(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        Set<String> names = new TreeSet<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> {
                    String utf8 = in.readUTF();
                    if (utf8.contains("java/lang/reflect/") || REFLECTIVE_CALLS.contains(utf8)) {
                        names.add(utf8.contains("java/lang/reflect/") ? reflectType(utf8) : utf8);
                    }
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                case 5, 6 -> {
                    in.skipNBytes(8);
                    i++;
                }
                case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                case 15 -> in.skipNBytes(3);
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return names;
    }

    /** The reflective type a descriptor names: {@code java/lang/reflect/Field} out of {@code ()Ljava/lang/reflect/Field;}. */
    private static String reflectType(String utf8) {
        int start = utf8.indexOf("java/lang/reflect/");
        int end = start;
        while (end < utf8.length() && utf8.charAt(end) != ';' && utf8.charAt(end) != ')') {
            end++;
        }
        return utf8.substring(start, end);
    }

    static final class Reflective {
        static Object read(Object target, String name) throws ReflectiveOperationException {
            Field field = target.getClass().getDeclaredField(name);
            field.setAccessible(true);
            return field.get(target);
        }
    }

    static final class Plain {
        static String read(Plain target) {
            return target.toString();
        }
    }
}
