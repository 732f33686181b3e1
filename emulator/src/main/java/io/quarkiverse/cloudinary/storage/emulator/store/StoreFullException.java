package io.quarkiverse.cloudinary.storage.emulator.store;

import java.io.IOException;

/**
 * A bounded {@link BlobStore} has no room for the bytes being written. Nothing of the refused content is kept, and
 * everything already stored stays readable and deletable.
 */
public final class StoreFullException extends IOException {

    private final long limit;
    private final long used;

    public StoreFullException(long limit, long used) {
        super("the memory store is full: " + used + " of " + limit + " bytes in use");
        this.limit = limit;
        this.used = used;
    }

    /** The most bytes the store holds. */
    public long limit() {
        return limit;
    }

    /** The bytes stored when the write was refused. */
    public long used() {
        return used;
    }
}
