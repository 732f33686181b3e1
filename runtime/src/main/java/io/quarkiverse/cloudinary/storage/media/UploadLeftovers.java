package io.quarkiverse.cloudinary.storage.media;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.quarkiverse.cloudinary.storage.CloudinaryException;

/**
 * Deletes what a failed save of one storage left on Cloudinary: at once, and, when the outcome is unknown (no answer
 * came: a timeout, a cut connection, a server error), again after one deadline and after five, since Cloudinary may
 * still be storing the file it was sent. Each delete is {@link CloudinaryStorage#deleteOwnUpload}: only a file that
 * carries the save's upload mark goes. What is still there after the last look is an orphan of this application, which
 * the orphan cleanup deletes once its grace period is over.
 */
final class UploadLeftovers {

    private static final Logger LOG = Logger.getLogger(CloudinaryStorage.class);

    private final CloudinaryStorage storage;
    private final List<Duration> laterLooks;
    // created on the first failure without an answer: most applications never need its thread
    private ScheduledExecutorService later;
    private boolean stopped;

    UploadLeftovers(CloudinaryStorage storage, Duration deadline) {
        this.storage = storage;
        this.laterLooks = List.of(deadline, deadline.multipliedBy(5));
    }

    /**
     * @param sent each name the save sent the file under, with its upload mark
     * @param failure why the save failed: when Cloudinary refused the request (4xx), it stored nothing, and every name
     *        sent before was taken by another file, so there is nothing to look for
     */
    void afterFailure(Map<String, String> sent, Throwable failure) {
        if (!(failure instanceof CloudinaryException call) || call.status() >= 400 && call.status() < 500) {
            return;
        }
        sent.forEach((name, mark) -> {
            if (!delete(name, mark, "its upload failed")) {
                laterLooks.forEach(delay -> schedule(name, mark, delay));
            }
        });
    }

    /** @return whether a file was deleted */
    private boolean delete(String name, String mark, String why) {
        try {
            if (storage.deleteOwnUpload(name, mark)) {
                LOG.infof("Deleted %s: %s", name, why);
                return true;
            }
        } catch (CloudinaryException e) {
            LOG.warnf("Could not delete %s (%s); orphan cleanup will: %s", name, why, e.getMessage());
        }
        return false;
    }

    private synchronized void schedule(String name, String mark, Duration delay) {
        if (stopped) {
            return;
        }
        if (later == null) {
            later = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "cloudinary-upload-leftovers");
                thread.setDaemon(true);
                return thread;
            });
        }
        try {
            later.schedule(() -> delete(name, mark, "its upload failed without an answer, and Cloudinary stored it"
                    + " meanwhile"), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // shutting down: the orphan cleanup has it
        }
    }

    synchronized void stop() {
        stopped = true;
        if (later != null) {
            later.shutdownNow();
        }
    }
}
