package io.quarkiverse.cloudinary.storage.orphans;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.jboss.logging.Logger;

import io.quarkiverse.cloudinary.storage.config.CloudinaryRuntimeConfig;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFileRegistry;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;
import io.quarkus.runtime.StartupEvent;

/**
 * Whether, and for which owner, flushes record cleanup candidates ({@link DroppedNamesListener}). The journal table is
 * made ready at startup, before the application's own startup code can change a row; until it is, or when it cannot
 * be created, nothing is recorded, and the reconciliation finds what that leaves.
 */
@ApplicationScoped
public class CandidateRecording {

    private static final Logger LOG = Logger.getLogger(CandidateRecording.class);

    private final CloudinaryRuntimeConfig config;
    private final CloudinaryFileRegistry registry;
    private final StorageOwner owner;
    private final Instance<TransactionSynchronizationRegistry> transactions;
    private final ReferenceQueries units;
    private volatile boolean recording;

    public CandidateRecording(CloudinaryRuntimeConfig config, CloudinaryFileRegistry registry, StorageOwner owner,
            Instance<TransactionSynchronizationRegistry> transactions,
            @jakarta.enterprise.inject.Any Instance<EntityManager> entityManagers) {
        this.config = config;
        this.registry = registry;
        this.owner = owner;
        this.transactions = transactions;
        this.units = new ReferenceQueries(registry, entityManagers);
    }

    void prepare(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start) {
        if (!config.orphans().candidates().enabled() || registry.fields().stream().noneMatch(f -> f.deleteReplaced())) {
            return;
        }
        try {
            for (EntityManager unit : units()) {
                CandidateJournal.ensureTable(unit);
            }
            recording = true;
        } catch (PersistenceException | IllegalStateException e) {
            LOG.warnf("Cleanup candidates are not recorded: the table %s could not be made ready (%s); only the orphan"
                    + " cleanup's listing finds files that changes drop", CandidateJournal.TABLE, e.getMessage());
        }
    }

    /** The persistence units that hold {@code @CloudinaryFile} attributes, and so the journal. */
    java.util.List<EntityManager> units() {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(units::unitsWithAttributes);
    }

    /** Whether flushes record candidates now. */
    public boolean recording() {
        return recording;
    }

    CloudinaryFileRegistry registry() {
        return registry;
    }

    String owner() {
        return owner.owner();
    }

    /** The registry of the transaction in progress, if there is one. */
    Optional<TransactionSynchronizationRegistry> transaction() {
        if (!transactions.isResolvable()) {
            return Optional.empty();
        }
        TransactionSynchronizationRegistry registry = transactions.get();
        int status = registry.getTransactionStatus();
        return status == Status.STATUS_ACTIVE || status == Status.STATUS_MARKED_ROLLBACK
                || status == Status.STATUS_PREPARING ? Optional.of(registry) : Optional.empty();
    }
}
