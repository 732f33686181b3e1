package io.quarkiverse.cloudinary.storage.fields;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.transaction.TransactionSynchronizationRegistry;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;

/**
 * The names a transaction uploaded through {@link CloudinaryFiles}, kept with the transaction itself: when its flush
 * stores one of them into an attribute, the journal records that this owner uploaded that file, which later proves the
 * file is the application's own without asking Cloudinary.
 */
public final class TransactionUploads {

    private static final Object KEY = new Object() {
        @Override
        public String toString() {
            return "cloudinary-storage-uploads";
        }
    };

    // "TYPE:public id" -> uploads under it whose transaction has not ended, in this application
    private static final ConcurrentHashMap<String, Integer> IN_FLIGHT = new ConcurrentHashMap<>();

    private TransactionUploads() {
    }

    /**
     * Whether an upload under this public id is on its way, or done while the transaction that will reference it is
     * still open: its row is not committed, so no reference query sees it, and a candidate cleanup must keep the file
     * that a name dropped earlier left under the same id.
     */
    public static boolean inFlight(CloudinaryResourceType type, String publicId) {
        return IN_FLIGHT.containsKey(type.name() + ':' + publicId);
    }

    static void started(CloudinaryResourceType type, String publicId) {
        IN_FLIGHT.merge(type.name() + ':' + publicId, 1, Integer::sum);
    }

    static void ended(CloudinaryResourceType type, String publicId) {
        IN_FLIGHT.computeIfPresent(type.name() + ':' + publicId, (key, count) -> count == 1 ? null : count - 1);
    }

    static void remember(TransactionSynchronizationRegistry transaction, CloudinaryResourceType type, String storedName) {
        uploads(transaction, true).add(key(type, storedName));
    }

    /** Whether the current transaction uploaded a file under this name. */
    public static boolean uploaded(TransactionSynchronizationRegistry transaction, CloudinaryResourceType type,
            String storedName) {
        Set<String> uploads = uploads(transaction, false);
        return uploads != null && uploads.contains(key(type, storedName));
    }

    @SuppressWarnings("unchecked")
    private static Set<String> uploads(TransactionSynchronizationRegistry transaction, boolean create) {
        Set<String> uploads = (Set<String>) transaction.getResource(KEY);
        if (uploads == null && create) {
            uploads = new HashSet<>();
            transaction.putResource(KEY, uploads);
        }
        return uploads;
    }

    private static String key(CloudinaryResourceType type, String storedName) {
        return type.name() + ':' + storedName;
    }
}
