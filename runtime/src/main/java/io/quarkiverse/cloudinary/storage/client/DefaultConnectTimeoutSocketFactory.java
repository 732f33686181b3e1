package io.quarkiverse.cloudinary.storage.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.apache.http.HttpHost;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.LayeredConnectionSocketFactory;
import org.apache.http.protocol.HttpContext;

/**
 * Gives every connection attempt a connect timeout. The SDK's uploader sets none unless each call passes one, so code
 * that uses the injected {@code Cloudinary} directly would otherwise wait forever on an unreachable host.
 */
final class DefaultConnectTimeoutSocketFactory implements LayeredConnectionSocketFactory {

    private final ConnectionSocketFactory delegate;
    private final int connectTimeoutMillis;

    DefaultConnectTimeoutSocketFactory(ConnectionSocketFactory delegate, int connectTimeoutMillis) {
        this.delegate = delegate;
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    @Override
    public Socket createSocket(HttpContext context) throws IOException {
        return delegate.createSocket(context);
    }

    @Override
    public Socket connectSocket(int connectTimeout, Socket socket, HttpHost host, InetSocketAddress remoteAddress,
            InetSocketAddress localAddress, HttpContext context) throws IOException {
        int effective = connectTimeout > 0 ? connectTimeout : connectTimeoutMillis;
        return delegate.connectSocket(effective, socket, host, remoteAddress, localAddress, context);
    }

    @Override
    public Socket createLayeredSocket(Socket socket, String target, int port, HttpContext context) throws IOException {
        return ((LayeredConnectionSocketFactory) delegate).createLayeredSocket(socket, target, port, context);
    }
}
