package io.quarkiverse.cloudinary.storage.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import com.cloudinary.api.ApiResponse;

/**
 * The pages of one Admin API listing, fetched one at a time as the caller asks: by tag, by context, by prefix, all go
 * through here. A caller that stops early (its budget is spent) simply stops asking; nothing is fetched ahead. Each
 * page is fetched with the idempotent retry policy.
 *
 * <pre>
 * ResourcePages pages = new ResourcePages(operations, "listing of raw files", (api, options) -&gt; {
 *     options.put("resource_type", "raw");
 *     return api.resourcesByTag("media", options);
 * });
 * while (pages.hasNext()) {
 *     for (Map&lt;?, ?&gt; resource : pages.next()) { ... }
 * }
 * </pre>
 */
public final class ResourcePages {

    /** The most entries Cloudinary gives per listing call. */
    public static final int MAX_PAGE_SIZE = 500;

    private final CloudinaryOperations operations;
    private final String operation;
    private final CloudinaryOperations.AdminCall listing;
    private final Runnable onRequest;
    private String cursor;
    private boolean done;

    /**
     * @param listing fills in what the listing selects and makes the call; paging options are added for it
     */
    public ResourcePages(CloudinaryOperations operations, String operation, CloudinaryOperations.AdminCall listing) {
        this(operations, operation, listing, () -> {
        });
    }

    /**
     * @param onRequest called for every request made, retries included
     */
    public ResourcePages(CloudinaryOperations operations, String operation, CloudinaryOperations.AdminCall listing,
            Runnable onRequest) {
        this.operations = operations;
        this.operation = operation;
        this.listing = listing;
        this.onRequest = onRequest;
    }

    /**
     * Goes on with a listing another run left: its next page is the one this cursor names. Only before the first page.
     *
     * @param nextCursor a {@code next_cursor} an earlier page of the same listing gave, or null for the first page
     */
    public ResourcePages resumingAt(String nextCursor) {
        this.cursor = nextCursor;
        return this;
    }

    /** The cursor of the next page, null before the first page of a listing that was not resumed, or when done. */
    public String nextCursor() {
        return cursor;
    }

    public boolean hasNext() {
        return !done;
    }

    /**
     * Fetches the next page.
     *
     * @throws io.quarkiverse.cloudinary.storage.CloudinaryException when the call fails after its retries; the listing
     *         can be asked again for the same page
     */
    public List<Map<?, ?>> next() {
        if (done) {
            throw new NoSuchElementException(operation + " has no more pages");
        }
        String pageCursor = cursor;
        ApiResponse page = operations.adminIdempotent(operation, (api, options) -> {
            onRequest.run();
            options.put("max_results", MAX_PAGE_SIZE);
            if (pageCursor != null) {
                options.put("next_cursor", pageCursor);
            }
            return listing.call(api, options);
        });
        List<Map<?, ?>> resources = new ArrayList<>();
        if (page.get("resources") instanceof List<?> entries) {
            for (Object entry : entries) {
                if (entry instanceof Map<?, ?> resource && resource.get("public_id") != null) {
                    resources.add(resource);
                }
            }
        }
        Object next = page.get("next_cursor");
        cursor = next == null || next.toString().isEmpty() ? null : next.toString();
        done = cursor == null;
        return resources;
    }
}
