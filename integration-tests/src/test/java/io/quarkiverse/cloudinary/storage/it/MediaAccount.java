package io.quarkiverse.cloudinary.storage.it;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.cloudinary.Cloudinary;
import com.cloudinary.api.ApiResponse;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** What the test account and the demo database hold, read the way a client reads them. */
final class MediaAccount {

    private MediaAccount() {
    }

    /** Every file with the media tag of one resource type, by public id, with its creation time. */
    static Map<String, Instant> media(Cloudinary cloudinary, CloudinaryResourceType type) {
        return byTag(cloudinary, type, "media");
    }

    /** The public ids of every file of one resource type with a tag. */
    static Set<String> tagged(Cloudinary cloudinary, CloudinaryResourceType type, String tag) {
        return byTag(cloudinary, type, tag).keySet();
    }

    /** Every file with the media tag of one resource type: its creation time and its owner mark, null for none. */
    static Map<String, Map.Entry<Instant, String>> mediaWithOwners(Cloudinary cloudinary, CloudinaryResourceType type) {
        Map<String, Map.Entry<Instant, String>> found = new HashMap<>();
        forEachTagged(cloudinary, type, "media", resource -> found.put((String) resource.get("public_id"),
                new java.util.AbstractMap.SimpleImmutableEntry<>(Instant.parse((String) resource.get("created_at")),
                        StorageOwner.contextValue(resource, StorageOwner.OWNER_KEY).orElse(null))));
        return found;
    }

    private static Map<String, Instant> byTag(Cloudinary cloudinary, CloudinaryResourceType type, String tag) {
        Map<String, Instant> found = new HashMap<>();
        forEachTagged(cloudinary, type, tag, resource -> found.put((String) resource.get("public_id"),
                Instant.parse((String) resource.get("created_at"))));
        return found;
    }

    private static void forEachTagged(Cloudinary cloudinary, CloudinaryResourceType type, String tag,
            java.util.function.Consumer<Map<?, ?>> action) {
        String cursor = null;
        do {
            Map<String, Object> options = new HashMap<>();
            options.put("resource_type", type.cloudinaryName());
            options.put("max_results", 500);
            options.put("context", true);
            if (cursor != null) {
                options.put("next_cursor", cursor);
            }
            ApiResponse page;
            try {
                page = cloudinary.api().resourcesByTag(tag, options);
            } catch (Exception e) {
                throw new IllegalStateException("Listing the test account failed", e);
            }
            for (Object entry : (List<?>) page.get("resources")) {
                action.accept((Map<?, ?>) entry);
            }
            cursor = (String) page.get("next_cursor");
        } while (cursor != null);
    }

    /** Deletes every demo row that holds files. */
    static void clearRows() {
        QuarkusTransaction.requiringNew().run(() -> {
            Album.<Album> listAll().forEach(Album::delete);
            MediaItem.deleteAll();
        });
    }
}
