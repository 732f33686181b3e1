package io.quarkiverse.cloudinary.storage.deployment.rest;

import java.util.List;

import jakarta.ws.rs.Priorities;

import org.jboss.logging.Logger;

import io.quarkiverse.cloudinary.storage.CloudinaryException;
import io.quarkiverse.cloudinary.storage.CloudinaryNotFoundException;
import io.quarkiverse.cloudinary.storage.CloudinaryRateLimitedException;
import io.quarkiverse.cloudinary.storage.InvalidMediaContentException;
import io.quarkiverse.cloudinary.storage.InvalidMediaNameException;
import io.quarkiverse.cloudinary.storage.MediaTooLargeException;
import io.quarkiverse.cloudinary.storage.config.CloudinaryBuildTimeConfig;
import io.quarkiverse.cloudinary.storage.rest.CloudinaryExceptionMappers;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.resteasy.reactive.spi.ExceptionMapperBuildItem;

/**
 * The default REST answers to the extension's exceptions, for applications with Quarkus REST, unless configured off.
 */
class RestExceptionMappersProcessor {

    private static final Logger LOG = Logger.getLogger(RestExceptionMappersProcessor.class);
    /** Behind the application's own mappers, which default to {@code Priorities.USER}. */
    private static final int PRIORITY = Priorities.USER + 100;

    private record Mapping(Class<?> mapper, Class<? extends RuntimeException> exception) {
    }

    private static final List<Mapping> MAPPINGS = List.of(
            new Mapping(CloudinaryExceptionMappers.InvalidName.class, InvalidMediaNameException.class),
            new Mapping(CloudinaryExceptionMappers.InvalidContent.class, InvalidMediaContentException.class),
            new Mapping(CloudinaryExceptionMappers.TooLarge.class, MediaTooLargeException.class),
            new Mapping(CloudinaryExceptionMappers.NotFound.class, CloudinaryNotFoundException.class),
            new Mapping(CloudinaryExceptionMappers.RateLimited.class, CloudinaryRateLimitedException.class),
            new Mapping(CloudinaryExceptionMappers.CloudinaryFailure.class, CloudinaryException.class));

    @BuildStep
    void defaultExceptionMappers(Capabilities capabilities, CloudinaryBuildTimeConfig config,
            BuildProducer<ExceptionMapperBuildItem> mappers) {
        if (!capabilities.isPresent(Capability.REST) || !config.rest().exceptionMappers()) {
            return;
        }
        for (Mapping mapping : MAPPINGS) {
            mappers.produce(new ExceptionMapperBuildItem(mapping.mapper().getName(), mapping.exception().getName(),
                    PRIORITY, true));
        }
        LOG.debugf("Registered %d default exception mappers", MAPPINGS.size());
    }
}
