package io.quarkiverse.cloudinary.storage.client;

import java.util.HashMap;
import java.util.Map;

import org.apache.http.config.RegistryBuilder;
import org.apache.http.config.SocketConfig;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;

import com.cloudinary.Cloudinary;

/**
 * Builds the SDK client from resolved settings. Nothing global is touched: the SDK's own no-argument constructor reads
 * {@code CLOUDINARY_URL} by itself, which would bypass Quarkus configuration, so it is never used.
 */
public final class CloudinaryClientFactory {

    private CloudinaryClientFactory() {
    }

    /**
     * The one pool every SDK HTTP client of the application shares. The SDK builds a new client each time
     * {@code uploader()} or {@code api()} is called; with a shared manager those clients share connections and
     * limits instead of each opening their own.
     */
    public static PoolingHttpClientConnectionManager connectionManager(CloudinarySettings settings) {
        int connectTimeout = Math.toIntExact(settings.connectTimeout().toMillis());
        PoolingHttpClientConnectionManager manager = new PoolingHttpClientConnectionManager(
                RegistryBuilder.<ConnectionSocketFactory> create()
                        .register("http", new DefaultConnectTimeoutSocketFactory(
                                PlainConnectionSocketFactory.getSocketFactory(), connectTimeout))
                        .register("https", new DefaultConnectTimeoutSocketFactory(
                                SSLConnectionSocketFactory.getSystemSocketFactory(), connectTimeout))
                        .build());
        manager.setMaxTotal(settings.maxConnections());
        manager.setDefaultMaxPerRoute(settings.maxConnections());
        manager.setDefaultSocketConfig(SocketConfig.custom()
                .setSoTimeout(Math.toIntExact(settings.readTimeout().toMillis()))
                .setTcpNoDelay(true)
                .build());
        // a pooled connection the server closed while idle would fail the next call for nothing
        manager.setValidateAfterInactivity(2_000);
        return manager;
    }

    public static Cloudinary create(CloudinarySettings settings, PoolingHttpClientConnectionManager connectionManager) {
        Map<String, Object> config = new HashMap<>(settings.sdkConfiguration());
        CloudinaryCredentials credentials = settings.credentials();
        config.put("cloud_name", credentials.cloudName());
        config.put("api_key", credentials.apiKey());
        config.put("api_secret", credentials.apiSecret());
        Map<String, Object> properties = new HashMap<>();
        if (config.get("properties") instanceof Map<?, ?> fromUrl) {
            fromUrl.forEach((key, value) -> properties.put(key.toString(), value));
        }
        properties.put("connectionManager", connectionManager);
        config.put("properties", properties);
        return new Cloudinary(config);
    }
}
