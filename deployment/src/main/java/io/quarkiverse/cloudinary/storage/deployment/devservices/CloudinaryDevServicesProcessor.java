package io.quarkiverse.cloudinary.storage.deployment.devservices;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.quarkiverse.cloudinary.storage.client.CredentialsResolver;
import io.quarkus.deployment.IsProduction;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.DevServicesResultBuildItem;
import io.quarkus.deployment.builditem.LaunchModeBuildItem;
import io.quarkus.deployment.dev.devservices.DevServicesConfig;
import io.quarkus.deployment.pkg.builditem.OutputTargetBuildItem;
import io.quarkus.runtime.LaunchMode;

/**
 * Starts the Cloudinary emulator in dev and test mode when the application has no Cloudinary account configured.
 */
public class CloudinaryDevServicesProcessor {

    private static final Logger LOG = Logger.getLogger(CloudinaryDevServicesProcessor.class);

    public static final String FEATURE = "cloudinary-storage";

    @BuildStep(onlyIfNot = IsProduction.class, onlyIf = DevServicesConfig.Enabled.class)
    DevServicesResultBuildItem startEmulator(CloudinaryDevServicesConfig config, LaunchModeBuildItem launchMode,
            OutputTargetBuildItem outputTarget) {
        if (!config.enabled()) {
            LOG.debug("Not starting the Cloudinary emulator: quarkus.cloudinary.devservices.enabled is false");
            return null;
        }
        Function<String, Optional<String>> lookup = name -> ConfigProvider.getConfig().getOptionalValue(name, String.class);
        List<String> sources = CredentialsResolver.configuredSources(lookup);
        if (!sources.isEmpty()) {
            // a CLOUDINARY_URL left in a shell is enough: say so, the application will talk to that account
            LOG.infof("Not starting the Cloudinary emulator: Cloudinary credentials are configured (%s)",
                    String.join(", ", sources));
            return null;
        }
        Optional<Path> dataDirectory = EmulatorDevService.dataDirectory(config,
                launchMode.getLaunchMode() == LaunchMode.TEST, outputTarget.getOutputDirectory());
        if (dataDirectory.isPresent() && config.memoryLimit().isPresent()) {
            LOG.warnf("quarkus.cloudinary.devservices.memory-limit bounds the memory store only; the emulator keeps"
                    + " its files in %s", dataDirectory.get());
        }
        return DevServicesResultBuildItem.owned()
                .feature(FEATURE)
                .description("Cloudinary emulator")
                // same configuration → same running emulator, so stored files survive live reload
                .serviceConfig(config)
                .startable(() -> new EmulatorDevService(config, dataDirectory, launchMode.getLaunchMode().name()))
                .postStartHook(CloudinaryDevServicesProcessor::logStarted)
                .configProvider(Map.of(
                        CredentialsResolver.URL_PROPERTY, s -> s.account().cloudinaryUrl(),
                        "quarkus.cloudinary.api-base-url", EmulatorDevService::baseUrl,
                        "quarkus.cloudinary.delivery-base-url", EmulatorDevService::baseUrl))
                .build();
    }

    private static void logStarted(EmulatorDevService service) {
        LOG.infof("Cloudinary emulator Dev Service started at %s (cloud name %s), %s; control endpoints under"
                + " %s/_emulator/", service.baseUrl(), service.account().cloudName(), service.storage(),
                service.baseUrl());
    }
}
