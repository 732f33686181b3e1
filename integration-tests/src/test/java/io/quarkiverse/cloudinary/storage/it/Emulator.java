package io.quarkiverse.cloudinary.storage.it;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import com.cloudinary.Cloudinary;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.client.CredentialsResolver;
import io.quarkiverse.cloudinary.storage.emulator.EmulatorControlClient;
import io.quarkiverse.cloudinary.storage.orphans.ReconciliationStore;
import io.quarkus.arc.Arc;

/** The emulator Dev Service of the running test application, reached over HTTP like any client would. */
final class Emulator {

    private Emulator() {
    }

    /**
     * Forgets every asset, fault and limit, then makes one Admin call so that the application's view of the Admin API
     * budget, which the orphan cleanup reads, is the fresh emulator's and not what an earlier test left. The
     * reconciliation's place in its pass goes too: a cursor into the assets just forgotten would make the next run skip
     * the new ones (the in-memory database outlives each test application).
     */
    static EmulatorControlClient reset(CloudinaryOperations operations) {
        EmulatorControlClient control = control();
        control.reset();
        forgetReconciliation();
        operations.admin("ping", (api, options) -> api.ping(options));
        return control;
    }

    static void forgetReconciliation() {
        try (Connection connection = Arc.container().select(AgroalDataSource.class).get().getConnection();
                Statement delete = connection.createStatement()) {
            delete.executeUpdate("DELETE FROM " + ReconciliationStore.TABLE);
        } catch (SQLException noTableYet) {
            // no run made it yet: nothing to forget
        }
    }

    /**
     * An SDK client of the emulator built as a client outside the application builds one: a packaged application's
     * tests can inject nothing.
     */
    static Cloudinary client() {
        Config config = ConfigProvider.getConfig();
        Cloudinary client = new Cloudinary(config.getValue(CredentialsResolver.URL_PROPERTY, String.class));
        client.config.uploadPrefix = config.getValue("quarkus.cloudinary.api-base-url", String.class);
        return client;
    }

    static EmulatorControlClient control() {
        return new EmulatorControlClient(
                ConfigProvider.getConfig().getValue("quarkus.cloudinary.api-base-url", String.class));
    }
}
