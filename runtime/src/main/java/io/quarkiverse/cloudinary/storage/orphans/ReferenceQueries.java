package io.quarkiverse.cloudinary.storage.orphans;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFileField;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFileRegistry;
import io.quarkiverse.cloudinary.storage.media.MediaName;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Which of a few hundred listed files the database references, asked with batched {@code IN} queries per
 * {@code @CloudinaryFile} attribute: memory follows the size of a listing page, never the size of the tables.
 * <p>
 * A stored name references the public id {@link MediaName#publicId} makes of it. For raw files that is the name
 * itself. An image or video name carries an extension that need not be the format Cloudinary reports ({@code .jpeg}
 * stored as {@code jpg}, a PNG uploaded as {@code .jpg}), so the names built from the listed format are asked first,
 * and the ids still unmatched are asked again by prefix (names starting with {@code id.}), each answer mapped back through
 * {@link MediaName#publicId}. Every query runs in its own transaction, so it sees what committed just before.
 */
final class ReferenceQueries {

    private static final int NAMES_PER_QUERY = 500;
    private static final int PREFIXES_PER_QUERY = 500;

    private final CloudinaryFileRegistry registry;
    private final Iterable<EntityManager> entityManagers;
    private final Map<String, EntityManager> managers = new ConcurrentHashMap<>();

    /**
     * @param entityManagers one per persistence unit; each delegates to the session of the current transaction
     */
    ReferenceQueries(CloudinaryFileRegistry registry, Iterable<EntityManager> entityManagers) {
        this.registry = registry;
        this.entityManagers = entityManagers;
    }

    /** The public ids of those candidates that some attribute holding this resource type references. */
    Set<String> referenced(CloudinaryResourceType type, Collection<ListedResource> candidates) {
        Set<String> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (ListedResource candidate : candidates) {
            ids.add(candidate.publicId());
            names.add(candidate.publicId());
            if (!type.keepsExtensionInPublicId() && candidate.format() != null) {
                for (String extension : extensionsOf(candidate.format())) {
                    names.add(candidate.publicId() + "." + extension);
                }
            }
        }
        Set<String> referenced = new HashSet<>();
        List<CloudinaryFileField> fields = registry.fields(type);
        for (CloudinaryFileField field : fields) {
            for (List<String> chunk : chunks(new ArrayList<>(names), NAMES_PER_QUERY)) {
                collect(type, ids, referenced, exactMatches(field, chunk));
            }
        }
        if (!type.keepsExtensionInPublicId()) {
            List<String> unmatched = ids.stream().filter(id -> !referenced.contains(id)).sorted().toList();
            for (CloudinaryFileField field : fields) {
                List<String> stillUnmatched = unmatched.stream().filter(id -> !referenced.contains(id)).toList();
                for (List<String> chunk : chunks(stillUnmatched, PREFIXES_PER_QUERY)) {
                    collect(type, ids, referenced, extensionMatches(field, chunk));
                }
            }
        }
        return referenced;
    }

    private static void collect(CloudinaryResourceType type, Set<String> ids, Set<String> referenced,
            List<String> storedNames) {
        for (String stored : storedNames) {
            String publicId = MediaName.publicId(type, stored);
            if (ids.contains(publicId)) {
                referenced.add(publicId);
            }
        }
    }

    private List<String> exactMatches(CloudinaryFileField field, List<String> names) {
        String jpql = select(field) + " where " + value(field) + " in :names";
        return QuarkusTransaction.requiringNew().call(() -> {
            TypedQuery<String> query = entityManager(field).createQuery(jpql, String.class);
            query.setParameter("names", names);
            query.setHint("org.hibernate.readOnly", true);
            return query.getResultList();
        });
    }

    /**
     * The values that start with one of the ids followed by a dot. Grouped by length, each group is one
     * {@code substring(v, 1, length + 1) in (...)} test, so a query scans the table once whatever the number of ids.
     */
    private List<String> extensionMatches(CloudinaryFileField field, List<String> publicIds) {
        Map<Integer, List<String>> byLength = new TreeMap<>();
        for (String id : publicIds) {
            byLength.computeIfAbsent(id.length() + 1, length -> new ArrayList<>()).add(id + ".");
        }
        StringBuilder jpql = new StringBuilder(select(field)).append(" where ");
        int group = 0;
        for (Integer length : byLength.keySet()) {
            jpql.append(group++ == 0 ? "" : " or ").append("substring(").append(value(field)).append(", 1, ")
                    .append(length).append(") in :g").append(length);
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            TypedQuery<String> query = entityManager(field).createQuery(jpql.toString(), String.class);
            byLength.forEach((length, prefixes) -> query.setParameter("g" + length, prefixes));
            query.setHint("org.hibernate.readOnly", true);
            return query.getResultList();
        });
    }

    /** Selects the attribute's values, those of element collections included. */
    private static String select(CloudinaryFileField field) {
        String from = " from " + field.entityName() + " e";
        return "select " + value(field) + from + (field.collection() ? " join e." + field.attributePath() + " v" : "");
    }

    private static String value(CloudinaryFileField field) {
        return field.collection() ? "v" : "e." + field.attributePath();
    }

    /**
     * The extensions a stored name of this format most likely has. Only a first guess that saves queries: names with
     * other extensions are found by prefix.
     */
    private static List<String> extensionsOf(String format) {
        String lower = format.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "jpg" -> List.of("jpg", "jpeg", "jpe", "JPG", "JPEG");
            case "tif", "tiff" -> List.of("tif", "tiff");
            case "png" -> List.of("png", "PNG");
            default -> List.of(lower);
        };
    }

    /**
     * The entity manager of the persistence unit that manages the field's entity, Panache or plain JPA. Called inside
     * a transaction, where the metamodel can be asked.
     */
    private EntityManager entityManager(CloudinaryFileField field) {
        return managers.computeIfAbsent(field.entityClass(), name -> {
            Class<?> entity;
            try {
                entity = Class.forName(name, false, Thread.currentThread().getContextClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("The @CloudinaryFile entity " + name + " is not on the class path", e);
            }
            for (EntityManager manager : entityManagers) {
                try {
                    manager.getMetamodel().entity(entity);
                    return manager;
                } catch (IllegalArgumentException notThisUnit) {
                    // another persistence unit
                }
            }
            throw new IllegalStateException("No persistence unit manages the @CloudinaryFile entity " + name);
        });
    }

    private static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            chunks.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return chunks;
    }
}
