package io.quarkiverse.cloudinary.storage.fields;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.jboss.logging.Logger;

import io.quarkiverse.cloudinary.storage.CloudinaryException;
import io.quarkiverse.cloudinary.storage.media.CloudinaryStorage;
import io.quarkiverse.cloudinary.storage.media.MediaName;
import io.quarkiverse.cloudinary.storage.media.UploadListener;

/**
 * One store into a field, from before its upload starts until its transaction ends, so that no file outlives the row
 * that would have referenced it:
 * <ul>
 * <li>the transaction's end is watched from before the upload starts, so a transaction that times out while the file
 * is being sent is seen, and the file is deleted as soon as the upload ends;</li>
 * <li>a transaction that rolls back (a failed request, a failed commit) deletes the new file.</li>
 * </ul>
 * Only what this upload created goes: each delete first checks that the file under the name carries this upload's mark
 * ({@link CloudinaryStorage#deleteOwnUpload}). With any outcome but commit or rollback (unknown, heuristic) the row may
 * have committed: the file is kept for the orphan cleanup, which checks every reference, to judge.
 */
final class PendingUpload implements UploadListener, Synchronization {

    private static final Logger LOG = Logger.getLogger(CloudinaryFiles.class);

    private final CloudinaryStorage storage;
    private final TransactionSynchronizationRegistry transaction;
    // name sent under → that save's upload mark
    private final Map<String, String> sent = new LinkedHashMap<>();
    private boolean uploading = true;
    // public ids this upload holds in flight until its transaction ends
    private final java.util.Set<String> inFlight = new java.util.HashSet<>();
    private boolean released;
    private String kept;
    private Integer outcome;

    private PendingUpload(CloudinaryStorage storage, TransactionSynchronizationRegistry transaction) {
        this.storage = storage;
        this.transaction = transaction;
    }

    /**
     * Starts watching the current transaction, if there is one, before anything is sent.
     *
     * @throws IllegalStateException when the transaction is marked for rollback: its file could only become an orphan
     */
    static PendingUpload start(CloudinaryStorage storage, TransactionSynchronizationRegistry registry) {
        int status = registry == null ? Status.STATUS_NO_TRANSACTION : registry.getTransactionStatus();
        if (status == Status.STATUS_MARKED_ROLLBACK) {
            throw new IllegalStateException("The transaction is marked for rollback: nothing is uploaded into it");
        }
        if (status != Status.STATUS_ACTIVE) {
            return new PendingUpload(storage, null);
        }
        PendingUpload upload = new PendingUpload(storage, registry);
        registry.registerInterposedSynchronization(upload);
        return upload;
    }

    @Override
    public synchronized void sending(String storedName, String uploadMark) {
        sent.put(storedName, uploadMark);
        if (released) {
            return;
        }
        String publicId = MediaName.publicId(storage.resourceType(), storedName);
        if (inFlight.add(publicId)) {
            TransactionUploads.started(storage.resourceType(), publicId);
        }
    }

    /** The save failed, and deleted what it left itself: no field holds anything of it. */
    synchronized void failed() {
        uploading = false;
        if (transaction == null || outcome != null) {
            release();
        }
    }

    /** The upload's public ids are no longer in flight: its transaction ended, or there is none. */
    private synchronized void release() {
        released = true;
        inFlight.forEach(publicId -> TransactionUploads.ended(storage.resourceType(), publicId));
        inFlight.clear();
    }

    /**
     * The save stored the file under {@code storedName}, which the field is about to hold.
     *
     * @throws IllegalStateException when the transaction ended while the file was being sent: the file is then
     *         deleted at once, as the row that would reference it cannot commit
     */
    void stored(String storedName) {
        Integer ended;
        int status;
        synchronized (this) {
            uploading = false;
            ended = outcome;
            status = transaction == null ? Status.STATUS_NO_TRANSACTION : transaction.getTransactionStatus();
            boolean open = status == Status.STATUS_ACTIVE || status == Status.STATUS_MARKED_ROLLBACK;
            if (transaction != null && ended == null && open) {
                kept = storedName;
                TransactionUploads.remember(transaction, storage.resourceType(), storedName);
                return;
            }
        }
        release();
        if (transaction == null) {
            return;
        }
        int result = ended != null ? ended : status;
        if (result == Status.STATUS_ROLLEDBACK || result == Status.STATUS_ROLLING_BACK
                || result == Status.STATUS_NO_TRANSACTION) {
            delete(storedName, sent.get(storedName), "its transaction rolled back while it was being sent");
        } else {
            keep(storedName, result);
        }
        throw new IllegalStateException("The transaction of the upload of " + storedName + " ended (" + statusName(result)
                + ") before the upload did, probably at its timeout (quarkus.transaction-manager"
                + ".default-transaction-timeout); keep quarkus.cloudinary.http.deadline below it");
    }

    /** The field holds a name it held already: the file is the row's, whatever the transaction does. */
    synchronized void forget() {
        kept = null;
    }

    @Override
    public void beforeCompletion() {
    }

    @Override
    public void afterCompletion(int status) {
        String name;
        synchronized (this) {
            outcome = status;
            release();
            if (uploading) {
                // the upload is still running: it sees the outcome when it ends
                return;
            }
            name = kept;
            kept = null;
        }
        if (name == null || status == Status.STATUS_COMMITTED) {
            return;
        }
        if (status == Status.STATUS_ROLLEDBACK) {
            delete(name, sent.get(name), "the transaction that stored it rolled back");
        } else {
            keep(name, status);
        }
    }

    private void delete(String name, String mark, String why) {
        try {
            if (storage.deleteOwnUpload(name, mark)) {
                LOG.infof("Deleted %s: %s", name, why);
            }
        } catch (CloudinaryException e) {
            LOG.warnf("Could not delete %s (%s); orphan cleanup will: %s", name, why, e.getMessage());
        }
    }

    private static void keep(String name, int status) {
        LOG.warnf("Kept %s: its transaction ended with status %d (%s), so its row may have committed; orphan cleanup"
                + " deletes it later if no row references it", name, status, statusName(status));
    }

    static String statusName(int status) {
        return switch (status) {
            case Status.STATUS_ACTIVE -> "active";
            case Status.STATUS_COMMITTED -> "committed";
            case Status.STATUS_ROLLEDBACK -> "rolled back";
            case Status.STATUS_UNKNOWN -> "unknown";
            case Status.STATUS_NO_TRANSACTION -> "no transaction";
            case Status.STATUS_MARKED_ROLLBACK -> "marked for rollback";
            case Status.STATUS_PREPARED -> "prepared";
            case Status.STATUS_PREPARING -> "preparing";
            case Status.STATUS_COMMITTING -> "committing";
            case Status.STATUS_ROLLING_BACK -> "rolling back";
            default -> "other";
        };
    }
}
