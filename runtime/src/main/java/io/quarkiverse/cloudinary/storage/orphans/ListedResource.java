package io.quarkiverse.cloudinary.storage.orphans;

import java.time.Instant;

/**
 * One media file as a listing describes it.
 *
 * @param deliveryType {@code upload}, {@code private} or {@code authenticated}: deletes name it
 * @param format the stored format, {@code null} for raw files
 * @param storedName the stored name its upload recorded in its context, {@code null} when it recorded none or one that
 *        does not name this public id (uploaded by another tool, or renamed since)
 * @param createdAt {@code null} when the listing gave no readable time: such a file is never deleted
 * @param url the delivery URL the listing gave
 */
record ListedResource(String publicId, String deliveryType, String format, String storedName, long bytes,
        Instant createdAt, String url) {
}
