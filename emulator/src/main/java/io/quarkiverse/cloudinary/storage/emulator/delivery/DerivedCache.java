package io.quarkiverse.cloudinary.storage.emulator.delivery;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Derived images by (etag, transformation, format), least recently used first out, bounded by total bytes so a
 * long test run cannot grow the heap without limit. Keyed by etag, so an overwritten asset never serves stale
 * derivatives.
 */
final class DerivedCache {

    record Key(String etag, String transformation, String format) {
    }

    record Entry(byte[] bytes, String format, String etag) {
    }

    private final long maxBytes;
    private final LinkedHashMap<Key, Entry> map = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    DerivedCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    synchronized Entry get(Key key) {
        return map.get(key);
    }

    synchronized void put(Key key, Entry entry) {
        if (entry.bytes().length > maxBytes / 4) {
            return; // one huge derivative would evict everything else
        }
        Entry old = map.put(key, entry);
        if (old != null) {
            bytes -= old.bytes().length;
        }
        bytes += entry.bytes().length;
        for (Iterator<Map.Entry<Key, Entry>> it = map.entrySet().iterator(); bytes > maxBytes && it.hasNext();) {
            bytes -= it.next().getValue().bytes().length;
            it.remove();
        }
    }

    synchronized int size() {
        return map.size();
    }
}
