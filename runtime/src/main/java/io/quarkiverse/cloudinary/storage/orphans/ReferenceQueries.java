package io.quarkiverse.cloudinary.storage.orphans;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFileField;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFileRegistry;
import io.quarkiverse.cloudinary.storage.media.MediaName;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Which of a few hundred listed files the database references, asked with batched {@code IN} queries on the bare
 * column per {@code @CloudinaryFile} attribute, which an index on the column answers: memory follows the size of a
 * listing page, never the size of the tables.
 * <p>
 * A stored name references the public id {@link MediaName#publicId} makes of it. For raw files that is the name
 * itself. An image or video name carries an extension that need not be the format Cloudinary reports ({@code .jpeg}
 * listed as {@code jpg}, a PNG uploaded as {@code .jpg}): the storages record the stored name in the file's context, so
 * the names asked for are exact: the public id alone, the recorded name with its extension in any case, and the public
 * id with the listed format (or an alias) in lower or upper case. Only a file that recorded no name (uploaded by another tool,
 * or
 * adopted) is also asked for by prefix, names starting with {@code id.}, with {@code LIKE}. Every answer is mapped back
 * through {@link MediaName#publicId}. Every query runs in its own transaction, so it sees what committed just before.
 */
final class ReferenceQueries {

    /** Bind parameters per query: below every common database's limit (SQL Server allows 2,100). */
    private static final int NAMES_PER_QUERY = 1_000;
    private static final int PREFIXES_PER_QUERY = 100;
    /** Extensions up to this length are asked in every combination of upper and lower case. */
    private static final int EVERY_CASE_UP_TO = 4;
    private static final char LIKE_ESCAPE = '!';

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
        Set<String> names = new LinkedHashSet<>();
        for (ListedResource candidate : candidates) {
            ids.add(candidate.publicId());
            names.addAll(storedForms(type, candidate));
        }
        Set<String> referenced = new HashSet<>();
        List<CloudinaryFileField> fields = registry.fields(type);
        for (CloudinaryFileField field : fields) {
            for (List<String> chunk : chunks(new ArrayList<>(names), NAMES_PER_QUERY)) {
                collect(type, ids, referenced, exactMatches(field, chunk));
            }
        }
        if (!type.keepsExtensionInPublicId()) {
            List<String> unrecorded = candidates.stream().filter(c -> c.storedName() == null)
                    .map(ListedResource::publicId).filter(id -> !referenced.contains(id)).distinct().sorted().toList();
            for (CloudinaryFileField field : fields) {
                List<String> stillUnmatched = unrecorded.stream().filter(id -> !referenced.contains(id)).toList();
                for (List<String> chunk : chunks(stillUnmatched, PREFIXES_PER_QUERY)) {
                    collect(type, ids, referenced, prefixMatches(field, chunk));
                }
            }
        }
        return referenced;
    }

    /**
     * Every stored name that references the candidate and that the exact query asks for: the public id itself (a raw
     * file's name, or an image's without extension), the recorded name, the public id with the recorded extension in
     * any case, and with the listed format or an alias of it in lower or upper case.
     */
    static Set<String> storedForms(CloudinaryResourceType type, ListedResource candidate) {
        String id = candidate.publicId();
        Set<String> forms = new LinkedHashSet<>();
        forms.add(id);
        if (type.keepsExtensionInPublicId()) {
            return forms;
        }
        if (candidate.storedName() != null) {
            forms.add(candidate.storedName());
            MediaName.extension(candidate.storedName()).ifPresent(extension -> everyCase(extension)
                    .forEach(e -> forms.add(id + "." + e)));
        }
        if (candidate.format() != null && !candidate.format().isEmpty()) {
            for (String extension : aliases(candidate.format())) {
                forms.add(id + "." + extension);
                forms.add(id + "." + extension.toUpperCase(Locale.ROOT));
            }
        }
        return forms;
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
        String jpql = exactQuery(field);
        return QuarkusTransaction.requiringNew().call(() -> {
            TypedQuery<String> query = entityManager(field).createQuery(jpql, String.class);
            query.setParameter("names", names);
            query.setHint("org.hibernate.readOnly", true);
            return query.getResultList();
        });
    }

    /** The values that start with one of the ids followed by a dot: one {@code like} per id, on the bare column. */
    private List<String> prefixMatches(CloudinaryFileField field, List<String> publicIds) {
        String jpql = prefixQuery(field, publicIds.size());
        return QuarkusTransaction.requiringNew().call(() -> {
            TypedQuery<String> query = entityManager(field).createQuery(jpql, String.class);
            for (int i = 0; i < publicIds.size(); i++) {
                query.setParameter("p" + i, likeLiteral(publicIds.get(i)) + ".%");
            }
            query.setHint("org.hibernate.readOnly", true);
            return query.getResultList();
        });
    }

    /** {@code select <value> from <Entity> e [join <collection> v] where <value> in :names} */
    static String exactQuery(CloudinaryFileField field) {
        return select(field) + " where " + value(field) + " in :names";
    }

    /**
     * {@code select <value> ... where <value> like :p0 escape '!' union all select ...} for {@code count} ids: one
     * branch per prefix, each an index range (databases do not turn an {@code or} of {@code like}s into ranges).
     */
    static String prefixQuery(CloudinaryFileField field, int count) {
        StringBuilder jpql = new StringBuilder();
        for (int i = 0; i < count; i++) {
            jpql.append(i == 0 ? "" : " union all ").append(select(field)).append(" where ").append(value(field))
                    .append(" like :p").append(i).append(" escape '").append(LIKE_ESCAPE).append('\'');
        }
        return jpql.toString();
    }

    /**
     * Forgets, in the candidate journal of every unit, every event of the files under these public ids: they were
     * deleted, and a later file under the same id is another file, which no earlier upload proves anyone's.
     */
    void forgetDeleted(String owner, CloudinaryResourceType type, List<String> publicIds) {
        if (publicIds.isEmpty()) {
            return;
        }
        List<EntityManager> units = QuarkusTransaction.requiringNew().call(this::unitsWithAttributes);
        for (EntityManager unit : units) {
            try {
                CandidateJournal.forgetPublicIds(unit, owner, type, publicIds);
            } catch (jakarta.persistence.PersistenceException e) {
                // no journal in this database (candidates are off): nothing to forget
            }
        }
    }

    private static String likeLiteral(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            if (c == '%' || c == '_' || c == LIKE_ESCAPE) {
                escaped.append(LIKE_ESCAPE);
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    /**
     * Selects the attribute's values: {@code e.photo}, {@code e.address.photo}; in an element collection the element
     * {@code v}, or its attribute {@code v.image} when the elements are embeddables.
     */
    private static String select(CloudinaryFileField field) {
        String from = " from " + field.entityName() + " e";
        return "select " + value(field) + from + (field.collection() ? " join e." + field.collectionPath() + " v" : "");
    }

    private static String value(CloudinaryFileField field) {
        if (!field.collection()) {
            return "e." + field.attributePath();
        }
        return field.elementPath().isEmpty() ? "v" : "v." + field.elementPath();
    }

    /** The extensions that name the same format; {@code .jpeg} is listed as {@code jpg}, {@code .tiff} as {@code tif}. */
    private static List<String> aliases(String format) {
        String lower = format.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "jpg", "jpeg", "jpe" -> List.of("jpg", "jpeg", "jpe");
            case "tif", "tiff" -> List.of("tif", "tiff");
            default -> List.of(lower);
        };
    }

    /** Every combination of upper and lower case of a short extension; a longer one as given, lower and upper. */
    static Set<String> everyCase(String extension) {
        Set<String> variants = new LinkedHashSet<>();
        variants.add(extension);
        String lower = extension.toLowerCase(Locale.ROOT);
        if (lower.length() > EVERY_CASE_UP_TO) {
            variants.add(lower);
            variants.add(extension.toUpperCase(Locale.ROOT));
            return variants;
        }
        for (int mask = 0; mask < 1 << lower.length(); mask++) {
            StringBuilder variant = new StringBuilder(lower);
            for (int i = 0; i < lower.length(); i++) {
                if ((mask & 1 << i) != 0) {
                    variant.setCharAt(i, Character.toUpperCase(lower.charAt(i)));
                }
            }
            variants.add(variant.toString());
        }
        return variants;
    }

    /**
     * The entity managers of the persistence units that hold {@code @CloudinaryFile} attributes, each once. Called
     * inside a transaction, where the metamodel can be asked.
     */
    List<EntityManager> unitsWithAttributes() {
        List<EntityManager> units = new ArrayList<>();
        for (CloudinaryFileField field : registry.fields()) {
            EntityManager manager = entityManager(field);
            if (units.stream().noneMatch(known -> known == manager)) {
                units.add(manager);
            }
        }
        return units;
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
