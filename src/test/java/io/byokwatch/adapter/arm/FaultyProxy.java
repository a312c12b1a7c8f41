package io.byokwatch.adapter.arm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay in front of the fake ARM that can misbehave at the network level, where an HTTP fake cannot: reset a
 * connection (RST, as a load balancer dropping it) or accept it and stay silent (a hung peer, so the client's
 * timeouts fire). TLS passes through untouched, so the SDK client sees a real endpoint that fails.
 */
final class FaultyProxy implements AutoCloseable {
    enum Fault { RESET, SILENT }

    private final ServerSocket listener;
    private final int upstreamPort;
    private final List<Socket> open = new ArrayList<>();
    private final AtomicInteger faultsServed = new AtomicInteger();
    private Fault fault;
    private int remaining;
    private volatile boolean closed;

    FaultyProxy(int upstreamPort) {
        this.upstreamPort = upstreamPort;
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread accept = new Thread(this::acceptLoop, "faulty-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    URI endpoint() {
        return URI.create("https://127.0.0.1:" + listener.getLocalPort());
    }

    /** Drops every open connection (so pooled ones cannot dodge the fault), then serves the next {@code n} with it. */
    synchronized void inject(Fault f, int n) {
        fault = f;
        remaining = n;
        open.forEach(FaultyProxy::reset);
        open.clear();
    }

    synchronized void heal() {
        remaining = 0;
        open.forEach(FaultyProxy::reset);
        open.clear();
    }

    int faultsServed() {
        return faultsServed.get();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            Fault f = next();
            if (f == Fault.RESET) {
                faultsServed.incrementAndGet();
                reset(client);
            } else if (f == Fault.SILENT) {
                faultsServed.incrementAndGet();
                track(client);
                daemon(() -> drain(client));
            } else {
                relay(client);
            }
        }
    }

    private synchronized Fault next() {
        if (remaining > 0) {
            remaining--;
            return fault;
        }
        return null;
    }

    private synchronized void track(Socket s) {
        open.add(s);
    }

    private void relay(Socket client) {
        try {
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
            track(client);
            track(upstream);
            daemon(() -> pipe(client, upstream));
            daemon(() -> pipe(upstream, client));
        } catch (IOException e) {
            reset(client);
        }
    }

    private static void pipe(Socket from, Socket to) {
        byte[] buf = new byte[16_384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // either side went away; closing both ends below tells the other
        } finally {
            close(from);
            close(to);
        }
    }

    private static void drain(Socket s) {
        try (InputStream in = s.getInputStream()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException ignored) {
            // the client gave up, which is the point
        }
    }

    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // already closed
        }
        close(s);
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "faulty-proxy-io");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() {
        closed = true;
        heal();
        close(listenerSocket());
    }

    private Socket listenerSocket() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing once is enough
        }
        return new Socket();
    }
}
