package io.quarkiverse.cloudinary.storage.orphans;

import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.integrator.spi.Integrator;

/**
 * Hooks {@link DroppedNamesListener} into every persistence unit (Quarkus reads Hibernate integrators from
 * {@code META-INF/services} at build time), so that the names a committed change drops from {@code @CloudinaryFile}
 * attributes are recorded in the same transaction.
 */
public final class DroppedNamesIntegrator implements Integrator {

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext,
            SessionFactoryImplementor sessionFactory) {
        DroppedNamesListener listener = new DroppedNamesListener();
        EventListenerRegistry listeners = sessionFactory.getEventListenerRegistry();
        // before Hibernate's own: the collections of a removed entity are loaded while that is still allowed
        listeners.prependListeners(EventType.DELETE, listener);
        listeners.appendListeners(EventType.POST_INSERT, listener);
        listeners.appendListeners(EventType.POST_UPDATE, listener);
        listeners.appendListeners(EventType.POST_DELETE, listener);
        listeners.appendListeners(EventType.PRE_COLLECTION_UPDATE, listener);
        listeners.appendListeners(EventType.PRE_COLLECTION_REMOVE, listener);
        listeners.appendListeners(EventType.POST_COLLECTION_RECREATE, listener);
    }
}
