package io.quarkiverse.cloudinary.storage.emulator.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The assets of every emulated account. Thread-safe; knows nothing of HTTP or bytes. With a journal file, every change
 * is appended to it and replayed at the next start.
 */
public final class ResourceRepository implements AssetLookup {

    /**
     * How listings order assets: by public id (with a prefix), else newest first, as Cloudinary does. The delivery type
     * breaks ties, because listings across types can hold one public id twice: page cursors need a total order.
     */
    public static final Comparator<Asset> BY_PUBLIC_ID = Comparator.comparing(Asset::publicId)
            .thenComparing(Asset::type);
    public static final Comparator<Asset> NEWEST_FIRST = Comparator.comparing(Asset::createdAt).reversed()
            .thenComparing(Asset::version, Comparator.reverseOrder()).thenComparing(Asset::publicId)
            .thenComparing(Asset::type);

    private final ConcurrentMap<AssetKey, Asset> assets = new ConcurrentHashMap<>();
    private final AssetJournal journal;

    public ResourceRepository(Optional<Path> journalFile) {
        this.journal = journalFile.map(AssetJournal::new).orElse(null);
        if (journal != null) {
            journal.open(assets);
        }
    }

    @Override
    public Optional<Asset> find(String cloudName, String resourceType, String type, String publicId) {
        return Optional.ofNullable(assets.get(new AssetKey(cloudName, resourceType, type, publicId)));
    }

    public Optional<Asset> find(AssetKey key) {
        return Optional.ofNullable(assets.get(key));
    }

    /** Stores or replaces an asset. */
    public void put(Asset asset) {
        assets.put(AssetKey.of(asset), asset);
        if (journal != null) {
            journal.put(asset);
        }
    }

    /**
     * Atomically replaces an asset with what {@code change} makes of it.
     *
     * @return the new asset, or empty when there was none
     */
    public Optional<Asset> update(AssetKey key, UnaryOperator<Asset> change) {
        Asset updated = assets.computeIfPresent(key, (k, current) -> change.apply(current));
        if (updated != null && journal != null) {
            journal.put(updated);
        }
        return Optional.ofNullable(updated);
    }

    public Optional<Asset> remove(AssetKey key) {
        Asset removed = assets.remove(key);
        if (removed != null && journal != null) {
            journal.remove(key);
        }
        return Optional.ofNullable(removed);
    }

    /** The assets of a cloud that match, in the given order. */
    public List<Asset> select(String cloudName, Predicate<Asset> filter, Comparator<Asset> order) {
        List<Asset> selected = new ArrayList<>();
        for (Asset asset : assets.values()) {
            if (asset.cloudName().equals(cloudName) && filter.test(asset)) {
                selected.add(asset);
            }
        }
        selected.sort(order);
        return selected;
    }

    public Collection<Asset> all() {
        return List.copyOf(assets.values());
    }

    public void clear() {
        assets.clear();
        if (journal != null) {
            journal.clear(List.of());
        }
    }

    public void close() {
        if (journal != null) {
            journal.close();
        }
    }
}
