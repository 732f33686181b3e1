package io.quarkiverse.cloudinary.storage;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a persistent field that holds the stored name of a Cloudinary file, so that orphan cleanup knows the file is
 * referenced and {@code CloudinaryFiles} knows which storage and folder to use.
 * <p>
 * Allowed on {@code String} fields of {@code @Entity}, {@code @MappedSuperclass} and {@code @Embeddable} classes, and
 * on {@code @ElementCollection} fields of {@code String}s. The build fails on any other use.
 *
 * <pre>
 * &#64;Entity
 * public class Product extends PanacheEntity {
 *     &#64;CloudinaryFile(folder = "products")
 *     public String photo;
 *
 *     &#64;CloudinaryFile(type = CloudinaryResourceType.RAW, folder = "manuals", accept = "application/pdf", maxSize = "20M")
 *     public String manual;
 * }
 * </pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface CloudinaryFile {

    /** Which storage keeps the file. */
    CloudinaryResourceType type() default CloudinaryResourceType.IMAGE;

    /** Folder, below the media prefix, where new files of this field go. None by default. */
    String folder() default "";

    /**
     * The media types {@code CloudinaryFiles} stores into this field, judged from the file's first bytes, never its
     * name: exact types such as {@code image/png}, as Apache Tika names them, or wildcards such as {@code image/*}. Any
     * type by default (a video field always wants a video). Anything else is refused with an
     * {@link InvalidMediaContentException} before it is uploaded. The build fails on a value Tika does not know.
     */
    String[] accept() default {};

    /**
     * The largest file {@code CloudinaryFiles} stores into this field, as a size such as {@code 10M}, {@code 512K} or
     * {@code 1048576} (bytes; {@code K}, {@code M}, {@code G} are powers of 1024). No limit by default. A larger file is
     * refused with a {@link MediaTooLargeException} before it is uploaded.
     */
    String maxSize() default "";

    /**
     * Whether a name this attribute drops (its value replaced, an element removed, its row deleted) becomes a cleanup
     * candidate, recorded in the same transaction as the change, so that the candidate cleanup deletes the old file
     * soon after the commit, once nothing references it any more. On by default: such a file is exactly what the
     * orphan cleanup would delete anyway, only found without listing the account, and every check of a delete still
     * applies (ownership, every reference again right before the call, the grace period). Turn it off for an
     * attribute whose old files must stay until the reconciliation judges them, for example because other systems
     * link to them for a while.
     */
    boolean deleteReplaced() default true;
}
