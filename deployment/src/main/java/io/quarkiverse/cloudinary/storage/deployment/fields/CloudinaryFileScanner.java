package io.quarkiverse.cloudinary.storage.deployment.fields;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.FieldInfo;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.Type;

import io.quarkiverse.cloudinary.storage.CloudinaryFile;
import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.InvalidMediaNameException;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFileField;
import io.quarkiverse.cloudinary.storage.media.ContentCheck;
import io.quarkiverse.cloudinary.storage.media.MediaName;
import io.quarkus.runtime.configuration.MemorySizeConverter;

/**
 * Finds {@code @CloudinaryFile} fields in the index and resolves each to the entity attributes that hold it: an
 * entity's own field, a mapped superclass's field in every entity below it, an embeddable's field wherever an entity
 * embeds it. Misuse is collected, not thrown one at a time, so one build names every mistake.
 */
final class CloudinaryFileScanner {

    static final DotName CLOUDINARY_FILE = DotName.createSimple(CloudinaryFile.class);
    static final DotName ENTITY = DotName.createSimple("jakarta.persistence.Entity");
    static final DotName MAPPED_SUPERCLASS = DotName.createSimple("jakarta.persistence.MappedSuperclass");
    static final DotName EMBEDDABLE = DotName.createSimple("jakarta.persistence.Embeddable");
    static final DotName ELEMENT_COLLECTION = DotName.createSimple("jakarta.persistence.ElementCollection");
    static final DotName TRANSIENT = DotName.createSimple("jakarta.persistence.Transient");
    private static final DotName STRING = DotName.createSimple(String.class);
    private static final Set<DotName> NAME_COLLECTIONS = Set.of(DotName.createSimple(Collection.class),
            DotName.createSimple(List.class), DotName.createSimple(Set.class));
    // embeddables inside embeddables: deeper nesting than this is a cycle or a mistake
    private static final int MAX_EMBEDDING_DEPTH = 8;

    private final IndexView index;
    private final List<String> errors = new ArrayList<>();
    private final Set<CloudinaryFileField> fields = new LinkedHashSet<>();

    CloudinaryFileScanner(IndexView index) {
        this.index = index;
    }

    List<CloudinaryFileField> fields() {
        return fields.stream()
                .sorted(Comparator.comparing(CloudinaryFileField::entityClass)
                        .thenComparing(CloudinaryFileField::attributePath))
                .toList();
    }

    List<String> errors() {
        return errors;
    }

    CloudinaryFileScanner scan() {
        for (AnnotationInstance annotation : index.getAnnotations(CLOUDINARY_FILE)) {
            FieldInfo field = annotation.target().asField();
            ClassInfo declaring = field.declaringClass();
            String where = "@CloudinaryFile on " + declaring.name() + "." + field.name();
            boolean collection = field.hasAnnotation(ELEMENT_COLLECTION);
            if (!holdsNames(field, collection)) {
                errors.add(where + ": the field is a " + field.type() + "; it must be a String, or a collection of"
                        + " String annotated @ElementCollection");
                continue;
            }
            if (Modifier.isStatic(field.flags()) || Modifier.isTransient(field.flags())
                    || field.hasAnnotation(TRANSIENT)) {
                errors.add(where + ": the field is not persistent (static, transient or @Transient)");
                continue;
            }
            CloudinaryResourceType type = resourceType(annotation.value("type"));
            String folder = folder(annotation.value("folder"));
            if (!folder.isEmpty()) {
                try {
                    MediaName.validate(folder);
                } catch (InvalidMediaNameException e) {
                    errors.add(where + ": the folder is not usable: " + e.getMessage());
                    continue;
                }
            }
            Rules rules = rules(annotation, type, where);
            if (rules == null) {
                continue;
            }
            AnnotationValue deleteReplaced = annotation.value("deleteReplaced");
            Attribute attribute = new Attribute(declaring, field, type, folder, rules,
                    deleteReplaced == null || deleteReplaced.asBoolean());
            if (declaring.hasDeclaredAnnotation(ENTITY)) {
                addToEntityAndSubclasses(declaring, field.name(), attribute, collection, "");
            } else if (declaring.hasDeclaredAnnotation(MAPPED_SUPERCLASS)) {
                for (ClassInfo entity : entitiesBelow(declaring)) {
                    add(entity, field.name(), attribute, collection, "");
                }
            } else if (declaring.hasDeclaredAnnotation(EMBEDDABLE)) {
                addEmbedded(declaring, field.name(), attribute, collection, "", 0);
            } else {
                errors.add(where + ": " + declaring.name() + " is not an @Entity, @MappedSuperclass or @Embeddable,"
                        + " so the field is not persistent");
            }
        }
        return this;
    }

    private boolean holdsNames(FieldInfo field, boolean collection) {
        Type type = field.type();
        if (!collection) {
            return type.name().equals(STRING);
        }
        return type.kind() == Type.Kind.PARAMETERIZED_TYPE && NAME_COLLECTIONS.contains(type.name())
                && type.asParameterizedType().arguments().size() == 1
                && type.asParameterizedType().arguments().get(0).name().equals(STRING);
    }

    /** The annotated field and what its annotation says. */
    private record Attribute(ClassInfo declaring, FieldInfo field, CloudinaryResourceType type, String folder,
            Rules rules, boolean deleteReplaced) {
    }

    private void addToEntityAndSubclasses(ClassInfo entity, String path, Attribute attribute, boolean collection,
            String elementPath) {
        add(entity, path, attribute, collection, elementPath);
        for (ClassInfo subclass : entitiesBelow(entity)) {
            add(subclass, path, attribute, collection, elementPath);
        }
    }

    private List<ClassInfo> entitiesBelow(ClassInfo type) {
        return index.getAllKnownSubclasses(type.name()).stream()
                .filter(c -> c.hasDeclaredAnnotation(ENTITY))
                .toList();
    }

    /**
     * Every attribute of an entity, mapped superclass or embeddable whose type is this embeddable.
     *
     * @param path the attribute's path from the embeddable down
     * @param elementPath within an element collection of embeddables already passed, the path from its element down
     */
    private void addEmbedded(ClassInfo embeddable, String path, Attribute attribute, boolean collection,
            String elementPath, int depth) {
        if (depth > MAX_EMBEDDING_DEPTH) {
            errors.add("@CloudinaryFile on " + attribute.declaring().name() + "." + attribute.field().name()
                    + ": embeddables nest deeper than " + MAX_EMBEDDING_DEPTH + " levels");
            return;
        }
        for (ClassInfo owner : persistentClasses()) {
            for (FieldInfo ownerField : owner.fields()) {
                if (!embeds(ownerField, embeddable.name())) {
                    continue;
                }
                String ownerPath = ownerField.name() + "." + path;
                boolean inCollection = collection;
                String inElement = elementPath;
                if (!collection && ownerField.hasAnnotation(ELEMENT_COLLECTION)) {
                    // an element collection of embeddables: queries join the collection, then name the attribute
                    inCollection = true;
                    inElement = path;
                }
                if (owner.hasDeclaredAnnotation(ENTITY)) {
                    addToEntityAndSubclasses(owner, ownerPath, attribute, inCollection, inElement);
                } else if (owner.hasDeclaredAnnotation(MAPPED_SUPERCLASS)) {
                    for (ClassInfo entity : entitiesBelow(owner)) {
                        add(entity, ownerPath, attribute, inCollection, inElement);
                    }
                } else {
                    addEmbedded(owner, ownerPath, attribute, inCollection, inElement, depth + 1);
                }
            }
        }
    }

    private static boolean embeds(FieldInfo field, DotName embeddable) {
        Type type = field.type();
        if (type.name().equals(embeddable)) {
            return true;
        }
        return type.kind() == Type.Kind.PARAMETERIZED_TYPE
                && type.asParameterizedType().arguments().stream().anyMatch(a -> a.name().equals(embeddable));
    }

    private List<ClassInfo> persistentClasses() {
        List<ClassInfo> classes = new ArrayList<>();
        for (DotName annotation : List.of(ENTITY, MAPPED_SUPERCLASS, EMBEDDABLE)) {
            for (AnnotationInstance instance : index.getAnnotations(annotation)) {
                if (instance.target().kind() == org.jboss.jandex.AnnotationTarget.Kind.CLASS) {
                    classes.add(instance.target().asClass());
                }
            }
        }
        return classes;
    }

    private void add(ClassInfo entity, String path, Attribute attribute, boolean collection, String elementPath) {
        fields.add(new CloudinaryFileField(entity.name().toString(), entityName(entity), path,
                attribute.declaring().name().toString(), attribute.field().name(), attribute.type(), attribute.folder(),
                collection, elementPath, attribute.rules().accept(), attribute.rules().maxSize(),
                attribute.deleteReplaced()));
    }

    /** What a field accepts, as its annotation states it. */
    private record Rules(List<String> accept, long maxSize) {
    }

    /** The annotation's {@code accept} and {@code maxSize}, checked; {@code null} after recording why they are wrong. */
    private Rules rules(AnnotationInstance annotation, CloudinaryResourceType type, String where) {
        List<String> accept = new ArrayList<>();
        boolean valid = true;
        AnnotationValue acceptValue = annotation.value("accept");
        for (String value : acceptValue == null ? new String[0] : acceptValue.asStringArray()) {
            try {
                String accepted = ContentCheck.acceptedType(value);
                if (type == CloudinaryResourceType.VIDEO && !accepted.startsWith("video/")) {
                    errors.add(where + ": accept = \"" + value + "\" on a video field, which only ever stores"
                            + " videos; accept video types (video/*, video/mp4, ...) or use another type");
                    valid = false;
                } else if (!accept.contains(accepted)) {
                    accept.add(accepted);
                }
            } catch (IllegalArgumentException e) {
                errors.add(where + ": accept: " + e.getMessage());
                valid = false;
            }
        }
        long maxSize = 0;
        AnnotationValue maxSizeValue = annotation.value("maxSize");
        if (maxSizeValue != null && !maxSizeValue.asString().isBlank()) {
            String text = maxSizeValue.asString().strip();
            try {
                maxSize = new MemorySizeConverter().convert(text).asLongValue();
            } catch (IllegalArgumentException | ArithmeticException e) {
                maxSize = -1;
            }
            if (maxSize <= 0) {
                errors.add(where + ": maxSize = \"" + maxSizeValue.asString() + "\" is not a positive size; write it"
                        + " as 10M, 512K, 2G or a number of bytes");
                valid = false;
            }
        }
        return valid ? new Rules(List.copyOf(accept), maxSize) : null;
    }

    private static String entityName(ClassInfo entity) {
        AnnotationValue name = entity.declaredAnnotation(ENTITY).value("name");
        return name == null || name.asString().isEmpty() ? entity.simpleName() : name.asString();
    }

    private static CloudinaryResourceType resourceType(AnnotationValue value) {
        return value == null ? CloudinaryResourceType.IMAGE : CloudinaryResourceType.valueOf(value.asEnum());
    }

    private static String folder(AnnotationValue value) {
        if (value == null) {
            return "";
        }
        return MediaName.trimSlashes(value.asString());
    }
}
