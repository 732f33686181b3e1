package io.quarkiverse.cloudinary.storage.media;

import java.util.List;

/**
 * What a folder holds.
 *
 * @param files stored names of the files directly in the folder, sorted
 * @param folders full paths of the sub-folders, sorted
 */
public record FolderListing(List<String> files, List<String> folders) {

    public FolderListing {
        files = List.copyOf(files);
        folders = List.copyOf(folders);
    }
}
