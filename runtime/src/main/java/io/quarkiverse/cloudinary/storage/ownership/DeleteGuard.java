package io.quarkiverse.cloudinary.storage.ownership;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * The blast-radius limit of a cleanup run: how many files, and what share of the owned files it scanned, one run may
 * delete before a person confirms. An application pointed at an empty or wrong database, or at lost manifests, sees
 * everything as unneeded; this is what stops that run before its first delete.
 * <p>
 * A person confirms by giving the exact number of files the run would delete, as its refusal reported it: a number
 * that no longer matches (more orphans appeared since) is refused again, so a confirmation never covers more than
 * what the person saw.
 *
 * @param maxDeletes the most deletes without confirmation
 * @param maxRatio the largest share of the owned files scanned, {@code 0} to {@code 1}; {@code 1} turns the check off
 * @param properties the configuration group, for messages
 * @param suspect the question a refusal past the ratio asks, naming what usually makes a run see too much as unneeded
 */
public record DeleteGuard(long maxDeletes, double maxRatio, String properties, String suspect) {

    public DeleteGuard {
        if (maxDeletes < 0) {
            throw new ConfigurationException(properties + ".max-deletes must not be negative, got " + maxDeletes);
        }
        if (!(maxRatio >= 0 && maxRatio <= 1)) {
            throw new ConfigurationException(properties + ".max-delete-ratio must be between 0 and 1, got " + maxRatio);
        }
    }

    /**
     * Why a run that would delete {@code deletes} of {@code ownedScanned} owned files must not, if it must not.
     *
     * @param confirmed the number a person confirmed, if any
     */
    public Optional<String> refusal(long deletes, long ownedScanned, OptionalLong confirmed) {
        if (deletes == 0 || confirmed.isPresent() && confirmed.getAsLong() == deletes) {
            return Optional.empty();
        }
        String confirm = " Nothing was deleted. To delete them, confirm the exact number (" + deletes
                + ") in the Dev UI or with the confirmedDeletes argument, or raise " + properties + ".max-deletes / "
                + properties + ".max-delete-ratio.";
        if (confirmed.isPresent()) {
            return Optional.of("the run would delete " + deletes + " files, not the " + confirmed.getAsLong()
                    + " that were confirmed." + confirm);
        }
        if (deletes > maxDeletes) {
            return Optional.of("the run would delete " + deletes + " files, more than " + properties + ".max-deletes ("
                    + maxDeletes + ")." + confirm);
        }
        double ratio = ownedScanned == 0 ? 1 : (double) deletes / ownedScanned;
        if (maxRatio < 1 && ratio > maxRatio) {
            return Optional.of(String.format(Locale.ROOT, "the run would delete %d of the %d files it owns (%.0f%%),"
                    + " more than %s.max-delete-ratio (%.0f%%): %s%s",
                    deletes, ownedScanned, ratio * 100, properties, maxRatio * 100, suspect, confirm));
        }
        return Optional.empty();
    }

    /** How many deletes a run may make in all: the confirmed number, or the configured maximum. */
    public long admitted(OptionalLong confirmed) {
        return confirmed.isPresent() ? confirmed.getAsLong() : maxDeletes;
    }
}
