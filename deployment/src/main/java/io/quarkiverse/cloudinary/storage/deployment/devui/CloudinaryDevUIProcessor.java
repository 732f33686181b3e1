package io.quarkiverse.cloudinary.storage.deployment.devui;

import java.util.List;

import io.quarkiverse.cloudinary.storage.deployment.devservices.CloudinaryDevServicesProcessor;
import io.quarkiverse.cloudinary.storage.deployment.fields.CloudinaryFileFieldsBuildItem;
import io.quarkiverse.cloudinary.storage.devui.CloudinaryStorageJsonRpcService;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.IsLocalDevelopment;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.builditem.DevServicesResultBuildItem;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.buildtime.BuildTimeActionBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;

/**
 * The Dev UI card "Cloudinary Storage": its pages are web components under {@code dev-ui/}, their server side is
 * {@link CloudinaryStorageJsonRpcService}, which only the dev-mode class path holds.
 */
@BuildSteps(onlyIf = IsLocalDevelopment.class)
class CloudinaryDevUIProcessor {

    @BuildStep
    CardPageBuildItem cloudinaryStorageCard(CloudinaryFileFieldsBuildItem fields, Capabilities capabilities) {
        CardPageBuildItem card = new CardPageBuildItem();
        card.addPage(Page.webComponentPageBuilder()
                .title("Overview")
                .icon("font-awesome-solid:cloud")
                .componentLink("qwc-cloudinary-overview.js"));
        // media fields and their cleanup are Hibernate ORM's attributes: without it there is nothing to show
        if (capabilities.isPresent(Capability.HIBERNATE_ORM)) {
            card.addPage(Page.webComponentPageBuilder()
                    .title("Media fields")
                    .icon("font-awesome-solid:table-list")
                    .staticLabel(String.valueOf(fields.fields().size()))
                    .componentLink("qwc-cloudinary-fields.js"));
            card.addPage(Page.webComponentPageBuilder()
                    .title("Orphans")
                    .icon("font-awesome-solid:broom")
                    .componentLink("qwc-cloudinary-orphans.js"));
        }
        card.addPage(Page.webComponentPageBuilder()
                .title("Static resources")
                .icon("font-awesome-solid:file-code")
                .componentLink("qwc-cloudinary-static.js"));
        return card;
    }

    /** Whether this build started the emulator Dev Service: only the build knows, the runtime just sees URLs. */
    @BuildStep
    BuildTimeActionBuildItem emulatorDevServiceAction(List<DevServicesResultBuildItem> devServices) {
        boolean emulator = devServices.stream()
                .anyMatch(service -> CloudinaryDevServicesProcessor.FEATURE.equals(service.getName()));
        BuildTimeActionBuildItem actions = new BuildTimeActionBuildItem();
        actions.actionBuilder()
                .methodName("isEmulatorDevService")
                .description("Whether the Cloudinary emulator Dev Service serves this application")
                .function(params -> emulator)
                .build();
        return actions;
    }

    @BuildStep
    JsonRPCProvidersBuildItem cloudinaryStorageJsonRpcService() {
        return new JsonRPCProvidersBuildItem(CloudinaryStorageJsonRpcService.class);
    }
}
