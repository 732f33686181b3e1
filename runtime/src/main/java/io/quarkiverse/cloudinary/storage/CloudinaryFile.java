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
 *     &#64;CloudinaryFile(type = CloudinaryResourceType.RAW, folder = "manuals")
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
}
