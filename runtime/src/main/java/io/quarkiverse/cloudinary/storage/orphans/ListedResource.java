package io.quarkiverse.cloudinary.storage.orphans;

import java.time.Instant;

/**
 * One media file as a tag listing describes it.
 *
 * @param deliveryType {@code upload}, {@code private} or {@code authenticated}: deletes name it
 * @param format the stored format, {@code null} for raw files
 * @param createdAt {@code null} when the listing gave no readable time: such a file is never deleted
 * @param url the delivery URL the listing gave
 */
record ListedResource(String publicId, String deliveryType, String format, long bytes, Instant createdAt, String url) {
}
