package io.quarkiverse.cloudinary.storage.media;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.apache.http.HttpEntity;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.conn.HttpClientConnectionManager;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClientBuilder;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;

import com.cloudinary.Cloudinary;

import io.quarkiverse.cloudinary.storage.CloudinaryException;
import io.quarkiverse.cloudinary.storage.client.CloudinaryOperations;
import io.quarkiverse.cloudinary.storage.client.CloudinarySettings;

/**
 * Reads stored files through their delivery URLs, on the client's shared connection pool and with its timeouts; the
 * package this extension replaces used a plain client without any.
 */
@Singleton
public class MediaDownloads {

    private final CloudinaryOperations operations;
    private final CloudinarySettings settings;
    private final CloseableHttpClient client;

    public MediaDownloads(Cloudinary cloudinary, CloudinarySettings settings, CloudinaryOperations operations) {
        this.operations = operations;
        this.settings = settings;
        HttpClientBuilder builder = HttpClients.custom()
                .setConnectionManager((HttpClientConnectionManager) cloudinary.config.properties.get("connectionManager"))
                // the pool belongs to the Cloudinary client; closing this client must not close it
                .setConnectionManagerShared(true)
                .useSystemProperties();
        // the proxy the SDK's clients use (proxy_host and proxy_port of the Cloudinary URL)
        settings.proxy().ifPresent(builder::setProxy);
        this.client = builder.build();
    }

    /**
     * @param range an HTTP {@code Range} value, or {@code null} for the whole file
     */
    public InputStream open(String operation, String url, String range) {
        return operations.retrying(operation, deadline -> {
            HttpGet get = new HttpGet(url);
            // cut to the deadline until the answer arrives; the body is then read with the same limit between bytes,
            // however long the whole file takes
            get.setConfig(RequestConfig.custom()
                    .setConnectTimeout(deadline.cap(settings.connectTimeout()))
                    .setSocketTimeout(deadline.cap(settings.readTimeout()))
                    .setConnectionRequestTimeout(deadline.cap(settings.poolTimeout()))
                    .build());
            if (range != null) {
                get.setHeader("Range", range);
            }
            CloseableHttpResponse response;
            try {
                response = client.execute(get);
            } catch (IOException e) {
                throw operations.translate(operation, e);
            }
            int status = response.getStatusLine().getStatusCode();
            HttpEntity entity = response.getEntity();
            if (status == 200 || status == 206) {
                try {
                    return new ResponseStream(entity.getContent(), response);
                } catch (IOException e) {
                    closeQuietly(response);
                    throw operations.translate(operation, e);
                }
            }
            try {
                EntityUtils.consumeQuietly(entity);
            } finally {
                closeQuietly(response);
            }
            String reason = response.getFirstHeader("X-Cld-Error") != null
                    ? response.getFirstHeader("X-Cld-Error").getValue()
                    : response.getStatusLine().getReasonPhrase();
            CloudinaryException error = operations.translate(operation, status, reason);
            throw error;
        });
    }

    @PreDestroy
    void close() throws IOException {
        client.close();
    }

    private static void closeQuietly(CloseableHttpResponse response) {
        try {
            response.close();
        } catch (IOException ignored) {
            // the connection is discarded either way
        }
    }

    /** Gives the connection back to the pool when the caller closes the stream. */
    private static final class ResponseStream extends FilterInputStream {
        private final CloseableHttpResponse response;

        ResponseStream(InputStream content, CloseableHttpResponse response) {
            super(content);
            this.response = response;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                response.close();
            }
        }
    }
}
