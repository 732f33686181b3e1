package io.quarkiverse.cloudinary.storage.orphans;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.transaction.TransactionSynchronizationRegistry;

import org.hibernate.HibernateException;
import org.hibernate.collection.spi.PersistentCollection;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.event.spi.AbstractCollectionEvent;
import org.hibernate.event.spi.DeleteContext;
import org.hibernate.event.spi.DeleteEvent;
import org.hibernate.event.spi.DeleteEventListener;
import org.hibernate.event.spi.PostCollectionRecreateEvent;
import org.hibernate.event.spi.PostCollectionRecreateEventListener;
import org.hibernate.event.spi.PostDeleteEvent;
import org.hibernate.event.spi.PostDeleteEventListener;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostInsertEventListener;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.event.spi.PostUpdateEventListener;
import org.hibernate.event.spi.PreCollectionRemoveEvent;
import org.hibernate.event.spi.PreCollectionRemoveEventListener;
import org.hibernate.event.spi.PreCollectionUpdateEvent;
import org.hibernate.event.spi.PreCollectionUpdateEventListener;
import org.hibernate.persister.entity.EntityPersister;

import io.quarkiverse.cloudinary.storage.fields.CloudinaryFileField;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFileRegistry;
import io.quarkiverse.cloudinary.storage.fields.TransactionUploads;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;

/**
 * Turns what Hibernate flushes into journal entries ({@link CandidateJournal}), written on the flushing connection:
 * <ul>
 * <li>a value of a {@code @CloudinaryFile} attribute that an update replaced, a deleted row's values, an element an
 * update removed from a collection, the elements of a removed collection: {@code dropped}, for attributes with
 * {@code deleteReplaced};</li>
 * <li>a name this transaction uploaded through {@code CloudinaryFiles} and now stores: {@code uploaded}.</li>
 * </ul>
 * Bulk JPQL and native updates and deletes bypass these events: the reconciliation finds what they leave.
 */
final class DroppedNamesListener implements DeleteEventListener, PostInsertEventListener, PostUpdateEventListener,
        PostDeleteEventListener, PreCollectionUpdateEventListener, PreCollectionRemoveEventListener,
        PostCollectionRecreateEventListener {

    /** An attribute of an entity, where Hibernate's state arrays hold its first path element. */
    private record Slot(CloudinaryFileField field, int property) {
    }

    private final Map<String, List<Slot>> slotsByEntity = new ConcurrentHashMap<>();
    private final Map<String, List<CloudinaryFileField>> fieldsByRole = new ConcurrentHashMap<>();
    // one session factory lives no longer than the application that made it
    private volatile CandidateRecording recording;

    @Override
    public void onDelete(DeleteEvent event) {
        loadNameCollections(event);
    }

    @Override
    public void onDelete(DeleteEvent event, DeleteContext transientEntities) {
        loadNameCollections(event);
    }

    /**
     * Loads the removed entity's collections of names, so that their removal, later in the flush, knows what they
     * held: Hibernate deletes an unloaded collection's rows without reading them.
     */
    private void loadNameCollections(DeleteEvent event) {
        Optional<CandidateRecording> recording = recording();
        if (recording.isEmpty() || event.getObject() == null) {
            return;
        }
        EntityPersister persister;
        try {
            persister = event.getSession().getEntityPersister(event.getEntityName(), event.getObject());
        } catch (HibernateException e) {
            return;
        }
        for (Slot slot : slots(persister, recording.get().registry(), true)) {
            if (slot.field().collectionPath().indexOf('.') < 0) {
                Object value = persister.getPropertyValue(event.getObject(), slot.property());
                if (value instanceof PersistentCollection<?> collection && !collection.wasInitialized()) {
                    collection.forceInitialization();
                }
            }
        }
    }

    @Override
    public void onPostInsert(PostInsertEvent event) {
        recording().ifPresent(recording -> {
            Journal journal = new Journal(recording);
            for (Slot slot : slots(event.getPersister(), recording.registry(), false)) {
                journal.stored(slot.field(), names(recording.registry(), slot, event.getState()));
            }
            journal.write(event.getSession());
        });
    }

    @Override
    public void onPostUpdate(PostUpdateEvent event) {
        recording().ifPresent(recording -> {
            Journal journal = new Journal(recording);
            for (Slot slot : slots(event.getPersister(), recording.registry(), false)) {
                Set<String> now = names(recording.registry(), slot, event.getState());
                if (event.getOldState() != null) {
                    Set<String> before = names(recording.registry(), slot, event.getOldState());
                    before.removeAll(now);
                    journal.dropped(slot.field(), before);
                }
                journal.stored(slot.field(), now);
            }
            journal.write(event.getSession());
        });
    }

    @Override
    public void onPostDelete(PostDeleteEvent event) {
        recording().ifPresent(recording -> {
            Journal journal = new Journal(recording);
            for (Slot slot : slots(event.getPersister(), recording.registry(), false)) {
                journal.dropped(slot.field(), names(recording.registry(), slot, event.getDeletedState()));
            }
            journal.write(event.getSession());
        });
    }

    @Override
    public void onPreUpdateCollection(PreCollectionUpdateEvent event) {
        recording().ifPresent(recording -> {
            Journal journal = new Journal(recording);
            for (CloudinaryFileField field : fields(event, recording.registry())) {
                Set<String> now = elementNames(recording.registry(), field, event.getCollection());
                Set<String> before = snapshotNames(recording.registry(), field, event.getCollection());
                before.removeAll(now);
                journal.dropped(field, before);
                journal.stored(field, now);
            }
            journal.write(event.getSession());
        });
    }

    @Override
    public void onPreRemoveCollection(PreCollectionRemoveEvent event) {
        recording().ifPresent(recording -> {
            PersistentCollection<?> collection = event.getCollection();
            if (!collection.wasInitialized()) {
                // not loaded (a removal this listener could not prepare): the reconciliation finds what it held
                return;
            }
            Journal journal = new Journal(recording);
            for (CloudinaryFileField field : fields(event, recording.registry())) {
                Set<String> held = snapshotNames(recording.registry(), field, collection);
                held.addAll(elementNames(recording.registry(), field, collection));
                journal.dropped(field, held);
            }
            journal.write(event.getSession());
        });
    }

    @Override
    public void onPostRecreateCollection(PostCollectionRecreateEvent event) {
        recording().ifPresent(recording -> {
            Journal journal = new Journal(recording);
            for (CloudinaryFileField field : fields(event, recording.registry())) {
                journal.stored(field, elementNames(recording.registry(), field, event.getCollection()));
            }
            journal.write(event.getSession());
        });
    }

    @Override
    public boolean requiresPostCommitHandling(EntityPersister persister) {
        return false;
    }

    /** The entries one event makes, written in one batch. */
    private static final class Journal {

        private final CandidateRecording recording;
        private final List<CandidateJournal.Entry> entries = new ArrayList<>();

        Journal(CandidateRecording recording) {
            this.recording = recording;
        }

        void dropped(CloudinaryFileField field, Collection<String> names) {
            if (field.deleteReplaced()) {
                names.forEach(name -> entries.add(new CandidateJournal.Entry(CandidateJournal.DROPPED, field.type(), name)));
            }
        }

        void stored(CloudinaryFileField field, Collection<String> names) {
            Optional<TransactionSynchronizationRegistry> transaction = recording.transaction();
            if (transaction.isEmpty()) {
                return;
            }
            for (String name : names) {
                if (TransactionUploads.uploaded(transaction.get(), field.type(), name)) {
                    entries.add(new CandidateJournal.Entry(CandidateJournal.UPLOADED, field.type(), name));
                }
            }
        }

        void write(SharedSessionContractImplementor session) {
            if (entries.isEmpty()) {
                return;
            }
            try {
                CandidateJournal.write(session.getJdbcCoordinator().getLogicalConnection().getPhysicalConnection(),
                        recording.owner(), entries, System.currentTimeMillis());
            } catch (SQLException e) {
                // the change must not commit without its candidates: a crash would lose them for good
                throw new HibernateException("Could not record the cleanup candidates of this change in "
                        + CandidateJournal.TABLE + ": " + e.getMessage(), e);
            }
        }
    }

    private Optional<CandidateRecording> recording() {
        CandidateRecording known = recording;
        if (known == null) {
            if (Arc.container() == null) {
                return Optional.empty();
            }
            InstanceHandle<CandidateRecording> handle = Arc.container().instance(CandidateRecording.class);
            if (!handle.isAvailable()) {
                return Optional.empty();
            }
            known = handle.get();
            recording = known;
        }
        return known.recording() ? Optional.of(known) : Optional.empty();
    }

    /** The entity's attributes, collections of names ({@code collections}) or single names. */
    private List<Slot> slots(EntityPersister persister, CloudinaryFileRegistry registry, boolean collections) {
        List<Slot> all = slotsByEntity.computeIfAbsent(persister.getEntityName(), name -> {
            List<String> properties = List.of(persister.getPropertyNames());
            List<Slot> found = new ArrayList<>();
            Set<String> paths = new LinkedHashSet<>();
            for (Class<?> type = persister.getMappedClass(); type != null && type != Object.class; type = type
                    .getSuperclass()) {
                for (CloudinaryFileField field : registry.fields()) {
                    if (field.entityClass().equals(type.getName()) && paths.add(field.attributePath())) {
                        int property = properties.indexOf(field.attributePath().split("\\.")[0]);
                        if (property >= 0) {
                            found.add(new Slot(field, property));
                        }
                    }
                }
            }
            return List.copyOf(found);
        });
        return all.stream().filter(slot -> slot.field().collection() == collections).toList();
    }

    /** The names a single-valued attribute holds in one of Hibernate's state arrays. */
    private static Set<String> names(CloudinaryFileRegistry registry, Slot slot, Object[] state) {
        Set<String> names = new LinkedHashSet<>();
        Object value = state[slot.property()];
        String[] path = slot.field().attributePath().split("\\.");
        for (int step = 1; step < path.length && value != null; step++) {
            value = registry.accessor(slot.field()).get(value, step);
        }
        addName(names, value);
        return names;
    }

    /** The fields whose names lie in the event's collection. */
    private List<CloudinaryFileField> fields(AbstractCollectionEvent event, CloudinaryFileRegistry registry) {
        String role = event.getCollection().getRole();
        if (role == null) {
            return List.of();
        }
        return fieldsByRole.computeIfAbsent(role, r -> {
            List<CloudinaryFileField> found = new ArrayList<>();
            for (CloudinaryFileField field : registry.fields()) {
                String suffix = "." + field.collectionPath();
                if (field.collection() && r.endsWith(suffix)
                        && related(r.substring(0, r.length() - suffix.length()), field.entityClass())) {
                    found.add(field);
                }
            }
            return List.copyOf(found);
        });
    }

    /** Whether a collection role's owner and a field's entity are one class, or one extends the other. */
    private static boolean related(String roleOwner, String entityClass) {
        if (roleOwner.equals(entityClass)) {
            return true;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            Class<?> owner = Class.forName(roleOwner, false, loader);
            Class<?> entity = Class.forName(entityClass, false, loader);
            return owner.isAssignableFrom(entity) || entity.isAssignableFrom(owner);
        } catch (ClassNotFoundException | LinkageError e) {
            // an entity name that is no class name: only an exact match counts
            return false;
        }
    }

    private static Set<String> elementNames(CloudinaryFileRegistry registry, CloudinaryFileField field,
            PersistentCollection<?> collection) {
        Set<String> names = new LinkedHashSet<>();
        if (collection.wasInitialized() && collection.getValue() instanceof Collection<?> elements) {
            elements.forEach(element -> addElement(names, registry, field, element));
        }
        return names;
    }

    private static Set<String> snapshotNames(CloudinaryFileRegistry registry, CloudinaryFileField field,
            PersistentCollection<?> collection) {
        Set<String> names = new LinkedHashSet<>();
        Object snapshot = collection.getStoredSnapshot();
        Collection<?> elements = snapshot instanceof Map<?, ?> map ? map.values()
                : snapshot instanceof Collection<?> list ? list : List.of();
        elements.forEach(element -> addElement(names, registry, field, element));
        return names;
    }

    private static void addElement(Set<String> names, CloudinaryFileRegistry registry, CloudinaryFileField field,
            Object element) {
        Object value = element;
        String[] path = field.attributePath().split("\\.");
        int first = field.collectionPath().split("\\.").length;
        for (int step = first; step < path.length && value != null; step++) {
            value = registry.accessor(field).get(value, step);
        }
        addName(names, value);
    }

    private static void addName(Set<String> names, Object value) {
        if (value instanceof String name && !name.isBlank()) {
            names.add(name);
        }
    }
}
