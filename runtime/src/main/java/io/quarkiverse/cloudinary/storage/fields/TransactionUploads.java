package io.quarkiverse.cloudinary.storage.fields;

import java.util.HashSet;
import java.util.Set;

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

    private TransactionUploads() {
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
