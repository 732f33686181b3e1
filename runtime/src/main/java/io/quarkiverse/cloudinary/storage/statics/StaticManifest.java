package io.quarkiverse.cloudinary.storage.statics;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkiverse.cloudinary.storage.media.MediaName;

/**
 * The static resources of this build, from original name to hashed file, recorded at build time: the runtime never
 * scans nor hashes.
 */
public final class StaticManifest {

    /** Name of the folder of leases, beside the folder of manifest records. */
    public static final String LEASES_FOLDER = "cloudinary-leases/";

    private final String id;
    private final String recordsFolder;
    private final Map<String, StaticAsset> byOriginalName;

    /**
     * @param id content hash of the whole manifest: two builds with the same static resources share it
     * @param recordsFolder public id folder, ending with {@code /}, of the manifests recorded on Cloudinary
     */
    public StaticManifest(String id, String recordsFolder, List<StaticAsset> assets) {
        this.id = id;
        this.recordsFolder = recordsFolder;
        Map<String, StaticAsset> map = new LinkedHashMap<>();
        for (StaticAsset asset : assets) {
            map.put(asset.originalName(), asset);
        }
        this.byOriginalName = Map.copyOf(map);
    }

    public String id() {
        return id;
    }

    /** Public id folder of the manifests recorded on Cloudinary, ending with {@code /}. */
    public String recordsFolder() {
        return recordsFolder;
    }

    /**
     * Public id of this manifest's record on Cloudinary, for one owner: two environments deploying the same build each
     * keep a record of their own, so that neither one's cleanup decides the other's kept deployments.
     */
    public String recordPublicId(String owner) {
        return recordsFolder + id + "." + MediaName.safeSegment(owner) + ".txt";
    }

    /**
     * Public id folder, ending with {@code /}, of the leases of running builds: beside the records folder, under the
     * static prefix.
     */
    public String leasesFolder() {
        String withoutSlash = recordsFolder.endsWith("/") ? recordsFolder.substring(0, recordsFolder.length() - 1)
                : recordsFolder;
        int parent = withoutSlash.lastIndexOf('/');
        return (parent < 0 ? "" : withoutSlash.substring(0, parent + 1)) + LEASES_FOLDER;
    }

    public int size() {
        return byOriginalName.size();
    }

    public Optional<StaticAsset> find(String originalName) {
        return Optional.ofNullable(byOriginalName.get(originalName));
    }

    public Collection<StaticAsset> assets() {
        return byOriginalName.values();
    }
}
