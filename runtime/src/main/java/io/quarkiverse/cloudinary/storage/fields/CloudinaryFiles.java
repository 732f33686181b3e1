package io.quarkiverse.cloudinary.storage.fields;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.function.BiFunction;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.cloudinary.Transformation;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.media.CloudinaryStorage;
import io.quarkiverse.cloudinary.storage.media.ImageStorage;
import io.quarkiverse.cloudinary.storage.media.RawStorage;
import io.quarkiverse.cloudinary.storage.media.UploadListener;
import io.quarkiverse.cloudinary.storage.media.VideoStorage;

/**
 * Stores files into {@link io.quarkiverse.cloudinary.storage.CloudinaryFile} fields in one call: the annotation picks
 * the storage and the folder, video fields refuse what is not a video, and the field is set to the stored name.
 * <p>
 * Inside a transaction, the new file is deleted if the transaction rolls back, also when it times out while the file
 * is being sent, so a failed request leaves nothing behind; a failed upload leaves nothing either; with an unknown
 * outcome the file is kept for the orphan cleanup to judge. The file the field held before is never deleted
 * here: orphan cleanup removes it once no row references it.
 *
 * <pre>
 * &#64;POST
 * &#64;Transactional
 * public void upload(&#64;RestForm FileUpload photo) {
 *     Product product = Product.findById(id);
 *     files.store(product, "photo", photo);
 * }
 * </pre>
 */
@Singleton
public class CloudinaryFiles {

    private final CloudinaryFileRegistry registry;
    private final ImageStorage images;
    private final RawStorage raws;
    private final VideoStorage videos;
    private final Instance<TransactionSynchronizationRegistry> transactions;

    public CloudinaryFiles(CloudinaryFileRegistry registry, ImageStorage images, RawStorage raws, VideoStorage videos,
            Instance<TransactionSynchronizationRegistry> transactions) {
        this.registry = registry;
        this.images = images;
        this.raws = raws;
        this.videos = videos;
        this.transactions = transactions;
    }

    /** Stores a multipart upload under its file name into the entity's field. */
    public String store(Object entity, String attribute, FileUpload upload) {
        return store(entity, attribute, upload.fileName(), (storage, listener) -> storage.save(name(entity, attribute,
                upload.fileName()), upload.uploadedFile(), false, listener));
    }

    public String store(Object entity, String attribute, String fileName, Path file) {
        return store(entity, attribute, fileName,
                (storage, listener) -> storage.save(name(entity, attribute, fileName), file, false, listener));
    }

    public String store(Object entity, String attribute, String fileName, InputStream content) {
        return store(entity, attribute, fileName,
                (storage, listener) -> storage.save(name(entity, attribute, fileName), content, -1, false, listener));
    }

    /** The delivery URL of the file an entity's field holds, or {@code null} when it holds none. */
    public String url(Object entity, String attribute) {
        return url(entity, attribute, null);
    }

    public String url(Object entity, String attribute, Transformation<?> transformation) {
        CloudinaryFileField field = field(entity, attribute);
        Object value = read(entity, field);
        if (value == null || value instanceof Collection) {
            return null;
        }
        return storage(field.type()).url(value.toString(), transformation);
    }

    /** The storage of a resource type. */
    public CloudinaryStorage storage(CloudinaryResourceType type) {
        return switch (type) {
            case IMAGE -> images;
            case RAW -> raws;
            case VIDEO -> videos;
        };
    }

    public CloudinaryFileRegistry registry() {
        return registry;
    }

    private String store(Object entity, String attribute, String fileName,
            BiFunction<CloudinaryStorage, UploadListener, String> save) {
        CloudinaryFileField field = field(entity, attribute);
        CloudinaryStorage storage = storage(field.type());
        // watching the transaction before anything is sent: it may time out while the file is on its way
        PendingUpload pending = PendingUpload.start(storage,
                transactions.isResolvable() ? transactions.get() : null);
        String stored;
        try {
            stored = save.apply(storage, pending);
        } catch (RuntimeException | Error e) {
            pending.failed();
            throw e;
        }
        pending.stored(stored);
        Object previous = read(entity, field);
        if (field.collection()) {
            @SuppressWarnings("unchecked")
            Collection<String> names = (Collection<String>) previous;
            if (names == null) {
                throw new IllegalStateException(field.entityClass() + "." + attribute + " is null: initialise the"
                        + " collection before storing into it");
            }
            names.add(stored);
        } else {
            write(entity, field, stored);
            if (stored.equals(previous)) {
                // the row referenced this name already: its file is not this transaction's to undo
                pending.forget();
            }
        }
        return stored;
    }

    private String name(Object entity, String attribute, String fileName) {
        CloudinaryFileField field = field(entity, attribute);
        String base = fileName == null || fileName.isBlank() ? "file" : fileName;
        // browsers send a bare name, but some clients send a path
        base = base.substring(Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\')) + 1);
        return field.folder().isEmpty() ? base : field.folder() + "/" + base;
    }

    private CloudinaryFileField field(Object entity, String attribute) {
        return registry.field(entity.getClass(), attribute).orElseThrow(() -> new IllegalArgumentException(
                entity.getClass().getName() + " has no @CloudinaryFile attribute '" + attribute + "'; known: "
                        + registry.fields().stream().map(f -> f.entityClass() + "." + f.attributePath()).toList()));
    }

    private static Object read(Object entity, CloudinaryFileField field) {
        Object owner = owner(entity, field);
        return owner == null ? null : invokeGetter(owner, field.fieldName());
    }

    private static void write(Object entity, CloudinaryFileField field, String value) {
        Object owner = owner(entity, field);
        if (owner == null) {
            throw new IllegalStateException("The embedded object holding " + field.attributePath() + " is null");
        }
        invokeSetter(owner, field.fieldName(), value);
    }

    /** The object that declares the field: the entity itself, or the embeddable on the attribute path. */
    private static Object owner(Object entity, CloudinaryFileField field) {
        String[] path = field.attributePath().split("\\.");
        Object current = entity;
        for (int i = 0; i < path.length - 1 && current != null; i++) {
            current = invokeGetter(current, path[i]);
        }
        return current;
    }

    // accessors first: Panache and Hibernate's enhancement track changes made through them, not through Field.set
    private static Object invokeGetter(Object target, String name) {
        Method getter = method(target.getClass(), "get" + capitalize(name));
        try {
            if (getter != null) {
                return getter.invoke(target);
            }
            Field field = field(target.getClass(), name);
            return field.get(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read " + target.getClass().getName() + "." + name, e);
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
            throw new IllegalStateException("Cannot write " + target.getClass().getName() + "." + name, e);
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
