package io.byokwatch.cli.serve;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * {@code serve}'s HTTP server: Netty through reactor-netty, the stack the Azure SDK already ships for its own HTTP
 * client, so serve adds no library and no second network stack to patch.
 *
 * <p>Network I/O is non-blocking on two event-loop threads: a connection that sends slowly, or not at all, holds no
 * thread, only a socket, and only for a bounded time (see {@link ServeLimits}): a whole request head within the head
 * deadline, each body read within the read gap and the whole body within the body deadline, headers and body within
 * their sizes, and a bounded number of connections. The head alone decides whether the body is read at all
 * ({@link RequestGate}): a request without the key is refused before it. Only a request whose body is in reaches a
 * worker thread; {@code /healthz} is answered on the event loop, so it stays up while every worker is busy.
 */
public final class EventServer implements AutoCloseable {
    /** How long a closing connection's late input is read and dropped, so that its last answer is not reset away. */
    private static final Duration LINGER = Duration.ofSeconds(2);

    private final DisposableServer server;
    private final LoopResources loops;
    private final ThreadPoolExecutor workers;

    private EventServer(DisposableServer server, LoopResources loops, ThreadPoolExecutor workers) {
        this.server = server;
        this.loops = loops;
        this.workers = workers;
    }

    /**
     * Listens on {@code bind:port} (0 picks a free port) until closed.
     *
     * @param key   null for an unkeyed endpoint (the caller allows that on loopback only)
     * @param log   one line per request that failed on our side
     * @throws IllegalStateException when the address cannot be listened on, with the reason
     */
    public static EventServer start(String bind, int port, String key, ServeLimits limits, EventRoutes routes,
                                    Consumer<String> log) {
        LoopResources loops = LoopResources.create("byokwatch-serve", 1, 2, true);
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor workers = new ThreadPoolExecutor(limits.workers(), limits.workers(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(limits.queued()), r -> {
                    Thread t = new Thread(r, "byokwatch-serve-worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        ConnectionCap cap = new ConnectionCap(limits.maxConnections());
        GateHolder gate = new GateHolder();
        DisposableServer server;
        try {
            server = HttpServer.create()
                    .runOn(loops)
                    .host(bind)
                    .port(port)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    // Event Grid waits for each answer; Nagle would hold small responses back by tens of milliseconds
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .httpRequestDecoder(spec -> spec.maxInitialLineLength(limits.maxRequestLine())
                            .maxHeaderSize(limits.maxHeaders()).validateHeaders(true))
                    .doOnChannelInit((observer, channel, remote) -> {
                        channel.pipeline().addFirst("byokwatch.connectionCap", cap);
                        channel.pipeline().addFirst("byokwatch.lingeringClose", new LingeringClose(LINGER));
                        channel.pipeline().addAfter(NettyPipeline.HttpCodec, "byokwatch.headDeadline",
                                new HeadDeadline(limits.headDeadline()));
                    })
                    .handle((req, res) -> handle(req, res, gate.gate, routes, workers, limits, log))
                    .bindNow(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            workers.shutdownNow();
            loops.dispose();
            throw new IllegalStateException("cannot listen on " + bind + ":" + port + ": " + rootMessage(e), e);
        }
        gate.gate = new RequestGate(key, bind, server.port(), limits.maxBody());
        return new EventServer(server, loops, workers);
    }

    /** The gate needs the port actually bound, known only once listening; no request is handled before that. */
    private static final class GateHolder {
        volatile RequestGate gate;
    }

    public int port() {
        return server.port();
    }

    private static Mono<Void> handle(HttpServerRequest req, HttpServerResponse res, RequestGate gate, EventRoutes routes,
                                     ThreadPoolExecutor workers, ServeLimits limits, Consumer<String> log) {
        ServeRequest head = ServeRequest.of(req.method().name(), req.uri(), name -> req.requestHeaders().get(name));
        if (gate == null) {
            return send(res, ServeAnswer.error(503, "starting; retry in a moment").withHeader("Retry-After", "1").closing());
        }
        long declared = declaredLength(req.requestHeaders().get(HttpHeaderNames.CONTENT_LENGTH));
        ServeAnswer refused = gate.refuse(head, declared);
        if (refused != null) {
            // answered before a byte of the body is read; the connection then ends (see LingeringClose)
            return send(res, refused);
        }
        if (RequestGate.Route.of(head.path()) == RequestGate.Route.HEALTH) {
            return send(res, EventRoutes.HEALTHY);
        }
        Scheduler loop = eventLoopOf(req);
        return body(req, limits)
                .<ServeAnswer>flatMap(body -> onWorker(workers, () -> routes.answer(head.withBody(body)), head, log))
                .onErrorResume(TooLarge.class, e -> Mono.just(RequestGate.tooLarge()))
                // the body stopped coming (read gap or body deadline passed, or the client went away): nothing was run
                .onErrorResume(e -> Mono.just(ServeAnswer.error(408, "the request body did not arrive in time;"
                        + " nothing was processed").closing()))
                // answered from the connection's own event loop: an answer written from a worker thread raced
                // reactor-netty's hand-over to the next request on a kept-alive connection, which then went unanswered
                .publishOn(loop)
                .flatMap(answer -> send(res, answer));
    }

    private static Scheduler eventLoopOf(HttpServerRequest req) {
        AtomicReference<Executor> loop = new AtomicReference<>();
        req.withConnection(c -> loop.set(c.channel().eventLoop()));
        return Schedulers.fromExecutor(loop.get());
    }

    /** The Content-Length, or -1 when there is none or it is no number (the decoder refuses such a request itself). */
    private static long declaredLength(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The body, refused as soon as it grows past {@code max} (a chunked upload declares no length). */
    private static Mono<byte[]> body(HttpServerRequest req, ServeLimits limits) {
        int max = limits.maxBody();
        return req.receive().asByteArray()
                // reactor-netty's own read and request timeouts left kept-alive requests unanswered now and then
                // (reproduced: one request in ~40 on a reused connection); these operators carry the same limits
                .timeout(limits.readGap())
                .reduceWith(ByteArrayOutputStream::new, (all, chunk) -> {
                    if (all.size() + chunk.length > max) {
                        throw new TooLarge();
                    }
                    all.write(chunk, 0, chunk.length);
                    return all;
                })
                .map(ByteArrayOutputStream::toByteArray)
                .timeout(limits.bodyDeadline());
    }

    private static final class TooLarge extends RuntimeException {
        TooLarge() {
            super("body too large", null, false, false);
        }
    }

    private interface Work {
        ServeAnswer run();
    }

    /** Runs the event path on a worker; when all are busy and the queue is full, 503 tells Event Grid to retry. */
    private static Mono<ServeAnswer> onWorker(ThreadPoolExecutor workers, Work work, ServeRequest head, Consumer<String> log) {
        return Mono.create(sink -> {
            try {
                workers.execute(() -> {
                    try {
                        sink.success(work.run());
                    } catch (RuntimeException e) {
                        log.accept("error handling " + head.method() + " " + head.path() + ": " + e.getMessage());
                        sink.success(ServeAnswer.error(500, "internal error; the delivery can be retried"));
                    } catch (OutOfMemoryError e) {
                        // answered, so Event Grid retries and the connection is not left hanging; the heap limit is
                        // the operator's to raise
                        log.accept("out of memory handling " + head.method() + " " + head.path() + " (heap limit "
                                + java.lang.Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB); raise -Xmx");
                        sink.success(ServeAnswer.error(503, "out of memory; retry the delivery").withHeader("Retry-After", "10"));
                    }
                });
            } catch (RejectedExecutionException e) {
                sink.success(ServeAnswer.error(503, "every worker is busy; retry the delivery").withHeader("Retry-After", "1"));
            }
        });
    }

    private static Mono<Void> send(HttpServerResponse res, ServeAnswer a) {
        byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
        res.status(HttpResponseStatus.valueOf(a.status()));
        a.headers().forEach(res::header);
        if (a.headers().keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Content-Type"))) {
            res.header(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        }
        res.header(HttpHeaderNames.CONTENT_LENGTH, String.valueOf(bytes.length));
        if (a.close()) {
            res.keepAlive(false);
        }
        return bytes.length == 0 ? res.send() : res.sendByteArray(Mono.just(bytes)).then();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Stops listening, lets requests in hand finish for up to 5 s, then stops the workers and the event loop. */
    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
        loops.disposeLater(Duration.ZERO, Duration.ofSeconds(2)).block(Duration.ofSeconds(5));
    }
}
