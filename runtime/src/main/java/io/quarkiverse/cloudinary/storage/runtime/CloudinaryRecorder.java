package io.quarkiverse.cloudinary.storage.runtime;

import io.quarkiverse.cloudinary.storage.client.CloudinarySettings;
import io.quarkus.arc.runtime.BeanContainer;
import io.quarkus.runtime.annotations.Recorder;
import io.quarkus.runtime.configuration.ConfigurationException;

@Recorder
public class CloudinaryRecorder {

    /**
     * Resolves the settings at startup so that bad configuration stops the application at once, with the message
     * that says what to set, instead of failing the first upload.
     */
    public void checkConfiguration(BeanContainer beans) {
        try {
            beans.beanInstance(CloudinarySettings.class);
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ConfigurationException configurationError) {
                    throw new ConfigurationException(configurationError.getMessage());
                }
            }
            throw e;
        }
    }
}
