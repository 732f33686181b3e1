package io.quarkiverse.cloudinary.storage.statics;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.client.ResourcePages;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;

/**
 * Lists what carries the static tag, one resource type at a time, 500 per Admin API call (the most Cloudinary gives),
 * with each file's owner mark: the Admin API is rate limited, so this is the only kind of call the static upload
 * spends of it. Every owner's static files are listed: the upload needs to know what is there whoever put it there,
 * and the cleanup needs every owner's manifest records.
 */
final class StaticListing {

    private StaticListing() {
    }

    /**
     * @param requests counts every call made, retries included
     */
    static List<UploadedStatic> list(CloudinaryOperations operations, String tag, CloudinaryResourceType resourceType,
            AtomicLong requests) {
        List<UploadedStatic> found = new ArrayList<>();
        ResourcePages pages = new ResourcePages(operations,
                "listing of static " + resourceType.cloudinaryName() + " resources tagged " + tag, (api, options) -> {
                    options.put("resource_type", resourceType.cloudinaryName());
                    options.put("context", true);
                    return api.resourcesByTag(tag, options);
                }, requests::incrementAndGet);
        while (pages.hasNext()) {
            for (Map<?, ?> resource : pages.next()) {
                // a listing by tag spans every delivery type: static resources are public uploads only
                if ("upload".equals(String.valueOf(resource.get("type")))) {
                    found.add(new UploadedStatic(resourceType, String.valueOf(resource.get("public_id")),
                            resource.get("bytes") instanceof Number n ? n.longValue() : -1,
                            resource.get("etag") == null ? null : resource.get("etag").toString(),
                            createdAt(resource.get("created_at")),
                            StorageOwner.contextValue(resource, StorageOwner.OWNER_KEY).orElse(null)));
                }
            }
        }
        return found;
    }

    private static Instant createdAt(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.toString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
