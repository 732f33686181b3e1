package io.quarkiverse.cloudinary.storage.runtime;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.quarkiverse.cloudinary.storage.client.CloudinarySettings;
import io.quarkiverse.cloudinary.storage.client.CredentialsCheck;
import io.quarkiverse.cloudinary.storage.orphans.OrphanCleanupJob;
import io.quarkiverse.cloudinary.storage.ownership.StorageOwner;
import io.quarkus.arc.runtime.BeanContainer;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.annotations.Recorder;
import io.quarkus.runtime.configuration.ConfigurationException;

@Recorder
public class CloudinaryRecorder {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.cloudinary.storage");

    /**
     * Resolves the settings and the owner at startup so that bad configuration stops the application at once, with
     * the message that says what to set, instead of failing the first upload; then, where enabled, asks Cloudinary
     * whether it accepts the credentials.
     */
    public void checkConfiguration(BeanContainer beans) {
        StorageOwner owner;
        CredentialsCheck credentialsCheck;
        try {
            beans.beanInstance(CloudinarySettings.class);
            owner = beans.beanInstance(StorageOwner.class);
            credentialsCheck = beans.beanInstance(CredentialsCheck.class);
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ConfigurationException configurationError) {
                    throw new ConfigurationException(configurationError.getMessage());
                }
            }
            throw e;
        }
        if (credentialsCheck.enabled()) {
            credentialsCheck.verify();
        }
        if (LaunchMode.current() == LaunchMode.DEVELOPMENT && owner.realAccount()) {
            LOG.warnf("Dev mode uses the real Cloudinary account '%s', not the emulator: %s. Uploads and deletes from this"
                    + " application and its Dev UI act on that account, as owner '%s'.", owner.cloudName(),
                    owner.accountKindConfigured() ? "quarkus.cloudinary.emulator=false says so"
                            : "Cloudinary credentials are configured (a CLOUDINARY_* environment variable or"
                                    + " quarkus.cloudinary.*); unset them to use the emulator",
                    owner.owner());
        }
    }

    /**
     * Called only when the application has Hibernate ORM but not the scheduler, which would run the cron. The default
     * cron is no request of the application's: only a cron it set is worth a warning.
     */
    public void warnIfOrphanCronIsSet() {
        String cron = ConfigProvider.getConfig().getOptionalValue("quarkus.cloudinary.orphans.cleanup.cron", String.class)
                .orElse("off");
        if (!cron.isBlank() && !cron.equalsIgnoreCase("off") && !cron.equalsIgnoreCase("disabled")
                && !cron.equals(OrphanCleanupJob.DEFAULT_CRON)) {
            LOG.warnf("quarkus.cloudinary.orphans.cleanup.cron is '%s', but no orphan cleanup is scheduled: the"
                    + " scheduled job needs the quarkus-scheduler extension. Add it, or run the cleanup from the"
                    + " application or the Dev UI.", cron);
        }
    }
}
