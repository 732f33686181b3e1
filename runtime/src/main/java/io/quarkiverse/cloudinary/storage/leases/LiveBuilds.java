package io.quarkiverse.cloudinary.storage.leases;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The leases of this owner's builds as one listing found them.
 *
 * @param leases every lease of this owner, fresh or not
 * @param ttl how long a lease stays fresh after its refresh
 * @param readAt when the leases were listed
 */
public record LiveBuilds(List<Lease> leases, Duration ttl, Instant readAt) {

    /**
     * One build's lease.
     *
     * @param publicId where it is on Cloudinary
     * @param buildId the build it holds alive
     * @param manifestRecord the public id of the build's static manifest record, empty for none
     * @param refreshedAt its last refresh
     * @param record its content, read only for fresh leases; empty when it could not be read (then its schema is
     *        unknown, and a cleanup that needs it must assume the worst)
     */
    public record Lease(String publicId, String buildId, String manifestRecord, Instant refreshedAt,
            Optional<LeaseRecord> record) {
    }

    public LiveBuilds {
        leases = List.copyOf(leases);
    }

    public static LiveBuilds none(Duration ttl) {
        return new LiveBuilds(List.of(), ttl, Instant.now());
    }

    /** Whether a lease was refreshed within the time to live, as of the listing. */
    public boolean fresh(Lease lease) {
        return lease.refreshedAt().plus(ttl).isAfter(readAt);
    }

    /** The leases of running builds. */
    public List<Lease> live() {
        return leases.stream().filter(this::fresh).toList();
    }

    /**
     * The builds whose attributes an orphan cleanup must know: the running ones, and the {@code previous} most
     * recently refreshed others (gone or not), so that a rollback keeps what the build rolled back from referenced,
     * for as long as that build counts among the previous deployments.
     *
     * @param exceptPublicId the lease of the build asking, which knows its own attributes
     */
    public List<Lease> liveOrRecent(int previous, String exceptPublicId) {
        List<Lease> recent = leases.stream().filter(l -> !l.publicId().equals(exceptPublicId))
                .sorted(Comparator.comparing(Lease::refreshedAt).reversed()).limit(Math.max(0, previous)).toList();
        return leases.stream().filter(l -> !l.publicId().equals(exceptPublicId))
                .filter(l -> fresh(l) || recent.contains(l)).toList();
    }

    /** The last time a build recorded with this manifest record ran, as far as its leases tell. */
    public Optional<Instant> lastRun(String manifestRecord) {
        return leases.stream().filter(l -> l.manifestRecord().equals(manifestRecord)).map(Lease::refreshedAt)
                .max(Instant::compareTo);
    }
}
