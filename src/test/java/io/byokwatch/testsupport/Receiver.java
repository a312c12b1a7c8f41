package io.byokwatch.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A webhook receiver on 127.0.0.1 for end-to-end delivery tests: real HTTP, scripted answers (status, headers, a delay
 * before answering), and a record of every request as it arrived. It prints nothing, so tests that look for leaked
 * secrets in the output see only what byokwatch printed.
 */
public final class Receiver implements AutoCloseable {
    /** One scripted answer; {@code delay} is real time spent before answering (for timeout tests). */
    public record Answer(int status, Map<String, String> headers, String body, Duration delay) {
        public static Answer ok() {
            return new Answer(200, Map.of(), "ok", Duration.ZERO);
        }

        public static Answer status(int status, String body) {
            return new Answer(status, Map.of(), body, Duration.ZERO);
        }

        public Answer withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Answer(status, h, body, delay);
        }

        public Answer after(Duration d) {
            return new Answer(status, headers, body, d);
        }
    }

    /** A request as received; header names in lower case. */
    public record Request(String path, Map<String, String> headers, String body, int answeredWith, long receivedNanos) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final int port;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Request> requests = new ArrayList<>();
    private Function<Request, Answer> fallback = r -> Answer.ok();
    private HttpServer server;
    private ExecutorService executor;

    private Receiver(int port) {
        this.port = port;
    }

    public static Receiver start() {
        return startOn(0);
    }

    /** On a given port: to bring a receiver "back up" where byokwatch keeps posting. */
    public static Receiver startOn(int port) {
        Receiver r = new Receiver(port);
        r.listen();
        return r;
    }

    private void listen() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Answers the next requests with these, in order; after them, with the fallback (200 ok by default). */
    public synchronized Receiver answer(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    public synchronized Receiver otherwise(Function<Request, Answer> f) {
        fallback = f;
        return this;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Waits (in real time, polling) until {@code n} requests arrived; for deliveries made by background threads. */
    public List<Request> await(int n, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (this) {
                if (requests.size() >= n) {
                    return List.copyOf(requests);
                }
            }
            Thread.sleep(10);
        }
        return requests();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            Answer a;
            Request provisional = new Request(ex.getRequestURI().toString(), headers, body, 0, System.nanoTime());
            synchronized (this) {
                a = script.isEmpty() ? fallback.apply(provisional) : script.poll();
                requests.add(new Request(provisional.path(), headers, body, a.status(), provisional.receivedNanos()));
            }
            if (!a.delay().isZero()) {
                try {
                    Thread.sleep(a.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            a.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(bytes);
                }
            }
        } catch (IOException e) {
            // the client gave up (a timeout test): nothing to answer
        }
    }

    /** Stops listening; connections are refused until {@link #startOn} on the same port. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
