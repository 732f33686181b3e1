package io.quarkiverse.cloudinary.storage.emulator.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The assets of every emulated account, with their folders and structured metadata field definitions. Thread-safe;
 * knows nothing of HTTP or bytes. With a journal file, every change is appended to it and replayed at the next start.
 * <p>
 * Folders behave as in Cloudinary's fixed folder mode: every folder of a stored public id exists, and stays after its
 * assets are gone, until it is deleted; explicitly created folders exist as well.
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
    private final Map<String, Set<String>> folders = new ConcurrentHashMap<>();
    private final Map<String, Map<String, MetadataDefinition>> fields = new ConcurrentHashMap<>();
    private final AssetJournal journal;

    public ResourceRepository(Optional<Path> journalFile) {
        this.journal = journalFile.map(AssetJournal::new).orElse(null);
        if (journal != null) {
            journal.open(new AssetJournal.State(assets, folders, fields));
        }
    }

    @Override
    public Optional<Asset> find(String cloudName, String resourceType, String type, String publicId) {
        return Optional.ofNullable(assets.get(new AssetKey(cloudName, resourceType, type, publicId)));
    }

    public Optional<Asset> find(AssetKey key) {
        return Optional.ofNullable(assets.get(key));
    }

    /** Stores or replaces an asset; the folders of its public id exist from now on. */
    public void put(Asset asset) {
        assets.put(AssetKey.of(asset), asset);
        addFolders(folders, asset.cloudName(), asset.publicId());
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
        folders.clear();
        fields.clear();
        if (journal != null) {
            journal.clear(List.of());
        }
    }

    /** The folders of a cloud, sorted by path. */
    public List<String> folders(String cloudName) {
        Set<String> of = folders.get(cloudName);
        return of == null ? List.of() : List.copyOf(new TreeSet<>(of));
    }

    public boolean folderExists(String cloudName, String path) {
        Set<String> of = folders.get(cloudName);
        return of != null && of.contains(path);
    }

    /** Creates a folder and the folders above it. */
    public void createFolder(String cloudName, String path) {
        List<String> created = new ArrayList<>();
        String[] segments = path.split("/");
        StringBuilder prefix = new StringBuilder();
        for (String segment : segments) {
            if (!prefix.isEmpty()) {
                prefix.append('/');
            }
            prefix.append(segment);
            if (addFolder(folders, cloudName, prefix.toString())) {
                created.add(prefix.toString());
            }
        }
        if (journal != null) {
            created.forEach(f -> journal.putFolder(cloudName, f));
        }
    }

    /** Forgets a folder and every folder below it; the caller has checked that no asset is in them. */
    public List<String> removeFolder(String cloudName, String path) {
        Set<String> of = folders.get(cloudName);
        List<String> removed = new ArrayList<>();
        if (of == null) {
            return removed;
        }
        for (String folder : new TreeSet<>(of)) {
            if (folder.equals(path) || folder.startsWith(path + "/")) {
                if (of.remove(folder)) {
                    removed.add(folder);
                    if (journal != null) {
                        journal.removeFolder(cloudName, folder);
                    }
                }
            }
        }
        return removed;
    }

    /** The metadata field definitions of a cloud, in the order they were added. */
    public List<MetadataDefinition> metadataFields(String cloudName) {
        Map<String, MetadataDefinition> of = fields.get(cloudName);
        if (of == null) {
            return List.of();
        }
        synchronized (of) {
            return List.copyOf(of.values());
        }
    }

    public Optional<MetadataDefinition> metadataField(String cloudName, String externalId) {
        Map<String, MetadataDefinition> of = fields.get(cloudName);
        return of == null ? Optional.empty() : Optional.ofNullable(of.get(externalId));
    }

    /** @return whether the field was new (nothing is stored when a field of that id exists) */
    public boolean addMetadataField(String cloudName, MetadataDefinition field) {
        Map<String, MetadataDefinition> of = fields.computeIfAbsent(cloudName,
                c -> Collections.synchronizedMap(new LinkedHashMap<>()));
        boolean added = of.putIfAbsent(field.externalId(), field) == null;
        if (added && journal != null) {
            journal.putField(cloudName, field);
        }
        return added;
    }

    public Optional<MetadataDefinition> removeMetadataField(String cloudName, String externalId) {
        Map<String, MetadataDefinition> of = fields.get(cloudName);
        MetadataDefinition removed = of == null ? null : of.remove(externalId);
        if (removed != null && journal != null) {
            journal.removeField(cloudName, externalId);
        }
        return Optional.ofNullable(removed);
    }

    /** Adds the folders of a public id ({@code a}, {@code a/b} for {@code a/b/c}). */
    static void addFolders(Map<String, Set<String>> folders, String cloudName, String publicId) {
        int slash = publicId.indexOf('/');
        while (slash > 0) {
            addFolder(folders, cloudName, publicId.substring(0, slash));
            slash = publicId.indexOf('/', slash + 1);
        }
    }

    static boolean addFolder(Map<String, Set<String>> folders, String cloudName, String folder) {
        return folders.computeIfAbsent(cloudName, c -> ConcurrentHashMap.newKeySet()).add(folder);
    }

    public void close() {
        if (journal != null) {
            journal.close();
        }
    }
}
