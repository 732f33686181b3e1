package io.quarkiverse.cloudinary.storage.emulator.delivery;

import java.io.IOException;

import com.sun.net.httpserver.HttpExchange;

import io.quarkiverse.cloudinary.storage.emulator.EmulatorAccount;
import io.quarkiverse.cloudinary.storage.emulator.model.AssetLookup;
import io.quarkiverse.cloudinary.storage.emulator.store.BlobStore;

/**
 * Serves delivery URLs. PLACEHOLDER: only the constructor and {@link #handle} signature are the contract.
 */
public final class DeliveryHandler {

    public DeliveryHandler(AssetLookup assets, BlobStore blobs) {
    }

    /**
     * Answers a GET or HEAD whose path was {@code /<cloud>/<rest>}; the router has already resolved the account,
     * counted the request, applied latency and faults.
     *
     * @param account the account named by the first path segment
     * @param rest the raw (still percent-encoded) path after {@code /<cloud>/}, e.g.
     *        {@code image/upload/c_fill,w_200/v1/a/b.jpg}
     */
    public void handle(HttpExchange exchange, EmulatorAccount account, String rest) throws IOException {
        exchange.sendResponseHeaders(404, -1);
        exchange.close();
    }
}
