package io.quarkiverse.cloudinary.storage.statics;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.cloudinary.api.ApiResponse;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;
import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;

/**
 * Lists what carries the static tag, one resource type at a time, 500 per Admin API call (the most Cloudinary gives):
 * the Admin API is rate limited, so this is the only kind of call the static upload spends of it.
 */
final class StaticListing {

    static final int PAGE_SIZE = 500;

    private StaticListing() {
    }

    /**
     * @param requests counts every call made, retries included
     */
    static List<UploadedStatic> list(CloudinaryOperations operations, String tag, CloudinaryResourceType resourceType,
            AtomicLong requests) {
        List<UploadedStatic> found = new ArrayList<>();
        String cursor = null;
        do {
            String pageCursor = cursor;
            ApiResponse page = operations.adminIdempotent(
                    "listing of static " + resourceType.cloudinaryName() + " resources tagged " + tag, (api, options) -> {
                        requests.incrementAndGet();
                        options.put("resource_type", resourceType.cloudinaryName());
                        options.put("max_results", PAGE_SIZE);
                        if (pageCursor != null) {
                            options.put("next_cursor", pageCursor);
                        }
                        return api.resourcesByTag(tag, options);
                    });
            if (page.get("resources") instanceof List<?> resources) {
                for (Object entry : resources) {
                    // a listing by tag spans every delivery type: static resources are public uploads only
                    if (entry instanceof Map<?, ?> resource && "upload".equals(String.valueOf(resource.get("type")))) {
                        found.add(new UploadedStatic(resourceType, String.valueOf(resource.get("public_id")),
                                resource.get("bytes") instanceof Number n ? n.longValue() : -1,
                                resource.get("etag") == null ? null : resource.get("etag").toString(),
                                createdAt(resource.get("created_at"))));
                    }
                }
            }
            Object next = page.get("next_cursor");
            cursor = next == null || next.toString().isEmpty() ? null : next.toString();
        } while (cursor != null);
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
