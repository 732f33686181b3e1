package io.quarkiverse.cloudinary.storage.fields;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.cloudinary.Transformation;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.media.CloudinaryStorage;
import io.quarkiverse.cloudinary.storage.media.ContentCheck;
import io.quarkiverse.cloudinary.storage.media.ImageStorage;
import io.quarkiverse.cloudinary.storage.media.MediaName;
import io.quarkiverse.cloudinary.storage.media.RawStorage;
import io.quarkiverse.cloudinary.storage.media.UploadListener;
import io.quarkiverse.cloudinary.storage.media.VideoStorage;

/**
 * Stores files into {@link io.quarkiverse.cloudinary.storage.CloudinaryFile} fields in one call: the annotation picks
 * the storage and the folder and says what content the field accepts, video fields refuse what is not a video, and
 * the field is set to the stored name. Nothing is uploaded until every check has passed.
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

    /**
     * Stores a multipart upload under its file name into the entity's field. The file name comes from the client: it
     * is cleaned rather than refused (see {@link #store(Object, String, String, Path)}).
     */
    public String store(Object entity, String attribute, FileUpload upload) {
        return store(entity, attribute, upload.fileName(), upload.uploadedFile());
    }

    /**
     * Stores a file into the entity's field, under the field's folder and a name made from {@code fileName}, which is
     * taken to come from a client: only its last path part is kept, characters Cloudinary does not allow are replaced,
     * control characters dropped, and a long name is shortened keeping its extension. A unique suffix is added when the
     * name is taken. The field is set to the stored name, which this returns.
     * <p>
     * Everything is checked before anything is uploaded: the attribute, the objects on its path (an embeddable or a
     * collection that is {@code null}, an element collection of embeddables), and the content against the field's
     * {@code accept} and {@code maxSize}.
     *
     * @throws IllegalArgumentException when the entity has no such {@code @CloudinaryFile} attribute, or it lies in an
     *         element collection of embeddables
     * @throws IllegalStateException when an embeddable on the attribute's path, or its collection, is {@code null}
     * @throws io.quarkiverse.cloudinary.storage.InvalidMediaContentException when the field does not accept the type
     * @throws io.quarkiverse.cloudinary.storage.MediaTooLargeException when the file is larger than the field accepts
     */
    public String store(Object entity, String attribute, String fileName, Path file) {
        return store(entity, attribute, fileName, (storage, name, check, listener) -> {
            check.check(file, name);
            return storage.save(name, file, false, listener);
        });
    }

    /**
     * Stores a stream as {@link #store(Object, String, String, Path)} stores a file. With a {@code maxSize}, a stream is
     * refused once more than that was read: before any request when the limit is below
     * {@code quarkus.cloudinary.media.chunked-upload-threshold}, as the stream is spooled up to that threshold first.
     */
    public String store(Object entity, String attribute, String fileName, InputStream content) {
        return store(entity, attribute, fileName,
                (storage, name, check, listener) -> storage.save(name, check.check(content, -1, name), -1, false,
                        listener));
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

    /**
     * Sends checked content under a name relative to the storage's folder, telling the listener each name it is sent
     * under, and answers the stored name.
     */
    private interface Upload {
        String save(CloudinaryStorage storage, String name, ContentCheck check, UploadListener listener);
    }

    private String store(Object entity, String attribute, String fileName, Upload upload) {
        CloudinaryFileField field = field(entity, attribute);
        requireStorable(entity, field);
        CloudinaryStorage storage = storage(field.type());
        String name = name(field, storage, fileName);
        ContentCheck check = ContentCheck.of(field.displayName(), field.accept(), field.maxSize());
        // watching the transaction before anything is sent: it may time out while the file is on its way
        PendingUpload pending = PendingUpload.start(storage,
                transactions.isResolvable() ? transactions.get() : null);
        String stored;
        try {
            stored = upload.save(storage, name, check, pending);
        } catch (RuntimeException | Error e) {
            pending.failed();
            throw e;
        }
        pending.stored(stored);
        Object previous = read(entity, field);
        if (field.collection()) {
            @SuppressWarnings("unchecked")
            Collection<String> names = (Collection<String>) previous;
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

    /** The name to save a client's file under, relative to the storage's folder: the field's folder, the cleaned name. */
    private static String name(CloudinaryFileField field, CloudinaryStorage storage, String fileName) {
        String folder = field.folder().isEmpty() ? "" : field.folder() + "/";
        return folder + MediaName.clientFileName(storage.folder() + folder, fileName);
    }

    /**
     * Refuses, before anything is uploaded, an attribute whose stored name could not be recorded: under a {@code null}
     * embeddable, in a {@code null} collection, or in an element collection of embeddables, where no single element is
     * the one to set.
     */
    private void requireStorable(Object entity, CloudinaryFileField field) {
        AttributeAccessor accessor = registry.accessor(field);
        String[] path = field.attributePath().split("\\.");
        Object current = entity;
        for (int i = 0; i < path.length - 1; i++) {
            current = accessor.get(current, i);
            String walked = String.join(".", Arrays.copyOf(path, i + 1));
            if (current == null) {
                throw new IllegalStateException(field.displayName() + ": the embedded " + walked + " is null: set it"
                        + " before storing into it");
            }
            if (current instanceof Collection) {
                throw new IllegalArgumentException(field.displayName() + " lies in " + walked + ", an element collection"
                        + " of embeddables, where no single element is the one to set: save the file with the "
                        + field.type().name().toLowerCase(Locale.ROOT) + " storage and set the element's "
                        + field.fieldName() + " to the stored name");
            }
        }
        if (field.collection() && accessor.get(current, path.length - 1) == null) {
            throw new IllegalStateException(field.displayName() + " is null: initialise the collection before storing"
                    + " into it");
        }
    }

    private CloudinaryFileField field(Object entity, String attribute) {
        return registry.field(entity.getClass(), attribute).orElseThrow(() -> new IllegalArgumentException(
                entity.getClass().getName() + " has no @CloudinaryFile attribute '" + attribute + "'; known: "
                        + registry.fields().stream().map(f -> f.entityClass() + "." + f.attributePath()).toList()));
    }

    private Object read(Object entity, CloudinaryFileField field) {
        int last = depth(field);
        Object owner = owner(entity, field, last);
        return owner == null ? null : registry.accessor(field).get(owner, last);
    }

    private void write(Object entity, CloudinaryFileField field, String value) {
        Object owner = owner(entity, field, depth(field));
        if (owner == null) {
            throw new IllegalStateException("The embedded object holding " + field.attributePath() + " is null");
        }
        registry.accessor(field).set(owner, value);
    }

    /** The number of embeddables on the attribute path: 0 for the entity's own attribute. */
    private static int depth(CloudinaryFileField field) {
        String path = field.attributePath();
        int dots = 0;
        for (int i = path.indexOf('.'); i >= 0; i = path.indexOf('.', i + 1)) {
            dots++;
        }
        return dots;
    }

    /** The object that declares the field: the entity itself, or the embeddable on the attribute path. */
    private Object owner(Object entity, CloudinaryFileField field, int depth) {
        AttributeAccessor accessor = registry.accessor(field);
        Object current = entity;
        for (int i = 0; i < depth && current != null; i++) {
            current = accessor.get(current, i);
        }
        return current;
    }
}
