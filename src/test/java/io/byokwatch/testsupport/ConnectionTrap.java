package io.byokwatch.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback listener that only counts who connects: events and payloads name it in every URL field, and a test proves
 * byokwatch never fetched or posted to a URL it was handed.
 */
public final class ConnectionTrap implements AutoCloseable {
    private final ServerSocket listener;
    private final AtomicInteger connections = new AtomicInteger();

    public ConnectionTrap() {
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread accept = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket s = listener.accept()) {
                    connections.incrementAndGet();
                } catch (Exception closed) {
                    return;
                }
            }
        }, "connection-trap");
        accept.setDaemon(true);
        accept.start();
    }

    /** {@code scheme}://127.0.0.1:port */
    public String url(String scheme) {
        return scheme + "://127.0.0.1:" + listener.getLocalPort();
    }

    public int connections() {
        return connections.get();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
