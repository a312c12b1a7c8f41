package io.byokwatch.cli;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.byokwatch.adapter.eventgrid.EventFormatException;
import io.byokwatch.adapter.eventgrid.ValidationHandshake;
import io.byokwatch.bootstrap.ComplianceApi;
import io.byokwatch.bootstrap.EventIntake;
import io.byokwatch.bootstrap.KpiApi;
import io.byokwatch.bootstrap.KpiRuntime;
import io.byokwatch.bootstrap.Notifications;
import io.byokwatch.bootstrap.Runtime;
import io.byokwatch.bootstrap.SettingsException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * {@code byokwatch serve}: the event path as a plain HTTP service (a container, a VM), speaking the Event Grid webhook
 * protocol: the subscription validation handshake, the CloudEvents OPTIONS handshake, batches of either schema.
 * Alerts are delivered from the outbox in the background by the delivery the Functions use (see {@link DeliveryLoop}):
 * to the terminal by default, or to the channels of {@code --notify-config}.
 */
@Command(name = "serve", sortOptions = false,
        customSynopsis = {"byokwatch serve (--inventory PATH | --live) [--policy FILE] [--state DIR]",
                "                [--port 7071] [--bind 127.0.0.1] [--key SECRET]",
                "                [--notify stdout|json] [--notify-config FILE]"},
        description = {"The event path as an HTTP endpoint speaking the Event Grid webhook protocol.",
                "For a container or a VM: POST /api/events, GET /api/compliance, GET /healthz, and the KPI",
                "dashboard at GET / with its JSON at GET /api/kpi. Runs until stopped."})
final class ServeCommand implements Callable<Integer> {
    static final int MAX_BODY = 1024 * 1024;

    static final class Source {
        @Option(names = "--inventory", paramLabel = "PATH", description = "Read the estate from exported JSON files.")
        String inventory;

        @Option(names = "--live", description = "Read ARM and Resource Graph as the functions do (DefaultAzureCredential).")
        boolean live;

        @Option(names = "--policy", paramLabel = "FILE", description = "Policy file (default: BYOK required everywhere).")
        String policy;

        @Option(names = "--state", paramLabel = "DIR", description = "Verdicts and outbox (default: .byokwatch/state).")
        String state;
    }

    static final class Listen {
        @Option(names = "--port", paramLabel = "PORT", defaultValue = "7071", description = "Default: ${DEFAULT-VALUE}; 0 picks a free one.")
        String port;

        @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
                description = "Default: ${DEFAULT-VALUE}; any other address needs a key.")
        String bind;

        @Option(names = "--key", paramLabel = "SECRET",
                description = "Required on requests as x-byokwatch-key or ?key= (default: BYOKWATCH_SERVE_KEY).")
        String key;
    }

    @ArgGroup(validate = false, heading = "%nEstate (--inventory or --live):%n", order = 1)
    Source source = new Source();

    @ArgGroup(validate = false, heading = "%nListening:%n", order = 2)
    Listen listen = new Listen();

    @ArgGroup(validate = false, heading = "%nDelivery (default: readable text on stdout):%n", order = 3)
    NotifyOptions notify = new NotifyOptions();

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> processEnv;

    ServeCommand(CliContext cli) {
        this(cli.out(), cli.err(), cli.env());
    }

    ServeCommand(PrintStream out, PrintStream err, Map<String, String> processEnv) {
        this.out = out;
        this.err = err;
        this.processEnv = processEnv;
    }

    /** A running endpoint and its delivery; closing stops both. */
    record Serving(HttpServer server, DeliveryLoop delivery) implements AutoCloseable {
        @Override
        public void close() {
            server.stop(0);
            delivery.close();
        }
    }

    @Override
    public Integer call() {
        Notifications.Parts parts = notify.parts(processEnv, out, true);
        Map<String, String> env = new HashMap<>(processEnv);
        if (source.live == (source.inventory != null)) {
            throw new UsageException("serve needs exactly one of --inventory PATH or --live");
        }
        if (source.inventory != null) {
            if (!Files.exists(Path.of(source.inventory))) {
                throw new InputException("inventory path " + source.inventory + " does not exist");
            }
            env.put("BYOKWATCH_INVENTORY", "files");
            env.put("BYOKWATCH_INVENTORY_PATH", source.inventory);
        } else {
            env.put("BYOKWATCH_INVENTORY", "live");
        }
        env.putIfAbsent("BYOKWATCH_STATE", "files");
        env.put("BYOKWATCH_STATE_DIR", source.state != null ? source.state : env.getOrDefault("BYOKWATCH_STATE_DIR", ".byokwatch/state"));
        if (source.policy != null) {
            env.put("BYOKWATCH_POLICY_FILE", source.policy);
        }
        int port;
        try {
            port = Integer.parseInt(listen.port);
        } catch (NumberFormatException e) {
            throw new UsageException("--port must be a number, e.g. 7071");
        }
        String key = listen.key != null ? listen.key : System.getenv("BYOKWATCH_SERVE_KEY");
        // an empty key would let "?key=" through: it is no key, and is treated as none
        key = key == null || key.isEmpty() ? null : key;
        String bind = listen.bind;
        if (key == null && !loopback(bind)) {
            // Without a key nothing tells Event Grid's deliveries (or its validation handshake) from anyone else's,
            // and /api/compliance lists every cluster's weaknesses: such an endpoint may only be reachable locally.
            throw new UsageException("serve listens on " + bind + " only with a key: set BYOKWATCH_SERVE_KEY (or --key) and put"
                    + " it in the Event Grid subscription's endpoint URL as ?key=...; without one, bind to 127.0.0.1");
        }
        Runtime runtime;
        try {
            runtime = Runtime.build(env, Clock.systemUTC());
        } catch (SettingsException e) {
            throw new UsageException(e.getMessage());
        }
        Serving serving = start(runtime, runtime.notifications(parts), bind, port, key);
        err.println("byokwatch serving on http://" + bind + ":" + serving.server().getAddress().getPort()
                + " (POST /api/events, GET /api/compliance, GET / for the KPI dashboard, GET /api/kpi, GET /healthz)" + (key == null ? "; no key set: anyone who can reach it may post events" : "")
                + "; delivering to " + String.join(", ", parts.config().channels().keySet()));
        CountDownLatch stop = new CountDownLatch(1);
        java.lang.Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            serving.close();
            stop.countDown();
        }));
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Literal loopback addresses and localhost: decided without a DNS lookup. */
    static boolean loopback(String bind) {
        String b = bind.trim().toLowerCase(java.util.Locale.ROOT);
        return b.equals("localhost") || b.startsWith("127.") || b.equals("::1") || b.equals("[::1]");
    }

    /** Starts the endpoint and its delivery; port 0 picks a free one (tests). */
    Serving start(Runtime runtime, Notifications notifications, String bind, int port, String key) {
        DeliveryLoop delivery = new DeliveryLoop(notifications.drainer(err::println), notifications.reminders(),
                Clock.systemUTC(), err, notifications.secrets()).start();
        // Event Grid waits for each answer; Nagle's algorithm would hold small responses back by tens of milliseconds.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bind, port), 64);
        } catch (IOException e) {
            throw new InputException("cannot listen on " + bind + ":" + port + ": " + e.getMessage());
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/healthz", ex -> respond(ex, 200, "{\"status\":\"ok\"}"));
        server.createContext("/api/events", ex -> guarded(ex, key, () -> events(ex, runtime, delivery)));
        server.createContext("/api/compliance", ex -> guarded(ex, key, () -> compliance(ex, runtime, delivery)));
        KpiApi kpi = new KpiApi(once(() -> KpiRuntime.from(runtime, processEnv)), Clock.systemUTC());
        server.createContext("/api/kpi", ex -> guarded(ex, key, () -> kpi(ex, "/api/kpi", kpi::json)));
        // the context for "/" also receives every path no other context takes: only "/" itself is the dashboard
        server.createContext("/", ex -> guarded(ex, key, () -> kpi(ex, "/", kpi::page)));
        server.start();
        return new Serving(server, delivery);
    }

    private interface Handler {
        void handle() throws IOException;
    }

    private void guarded(HttpExchange ex, String key, Handler handler) throws IOException {
        try {
            if (key != null && !authorised(ex, key)) {
                respond(ex, 401, error("missing or wrong key: send it as the x-byokwatch-key header or ?key= in the URL"));
                return;
            }
            handler.handle();
        } catch (RuntimeException e) {
            err.println("error handling " + ex.getRequestMethod() + " " + ex.getRequestURI().getPath() + ": " + e.getMessage());
            respond(ex, 500, error("internal error; the delivery can be retried"));
        } finally {
            ex.close();
        }
    }

    /** Constant-time comparison, so response timing reveals nothing about the key. */
    static boolean authorised(HttpExchange ex, String key) {
        String given = ex.getRequestHeaders().getFirst("x-byokwatch-key");
        if (given == null) {
            given = query(ex).get("key");
        }
        // digests of both sides: equal length whatever was sent, so timing tells neither the key's bytes nor its length
        return given != null && MessageDigest.isEqual(sha256(given), sha256(key));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private void events(HttpExchange ex, Runtime runtime, DeliveryLoop delivery) throws IOException {
        String method = ex.getRequestMethod();
        if (method.equals("OPTIONS")) {
            String origin = ex.getRequestHeaders().getFirst("WebHook-Request-Origin");
            if (origin == null) {
                respond(ex, 400, error("a CloudEvents handshake carries WebHook-Request-Origin"));
                return;
            }
            try {
                ValidationHandshake.cloudEventsOptionsHeaders(origin).forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            } catch (EventFormatException e) {
                // an origin that is no host name: refuse it, a 500 would invite retries of a request that cannot improve
                respond(ex, 400, error(e.getMessage()));
                return;
            }
            respond(ex, 200, "");
            return;
        }
        if (!method.equals("POST")) {
            ex.getResponseHeaders().add("Allow", "POST, OPTIONS");
            respond(ex, 405, error("use POST for events (OPTIONS for the CloudEvents handshake)"));
            return;
        }
        byte[] body = readCapped(ex.getRequestBody());
        if (body == null) {
            respond(ex, 413, error("body over " + MAX_BODY + " bytes; Event Grid delivers at most 1 MB per batch"));
            return;
        }
        EventIntake.Result result;
        try {
            result = runtime.intake().accept(body, ex.getRequestHeaders().getFirst("Content-Type"));
        } catch (EventFormatException e) {
            respond(ex, 400, error(e.getMessage()));
            return;
        }
        if (result.validationCode() != null) {
            respond(ex, 200, ValidationHandshake.eventGridResponseBody(result.validationCode()));
            return;
        }
        delivery.wake();
        result.rejected().forEach(r -> err.println("rejected event: " + r));
        if (result.failed()) {
            result.failures().forEach(f -> err.println("failed: " + f));
            respond(ex, 500, error("could not process " + result.failures().size() + " event(s); retry the delivery"));
            return;
        }
        JsonObject o = new JsonObject();
        o.addProperty("processed", result.outcomes().size());
        o.addProperty("rejected", result.rejected().size());
        o.addProperty("outOfScope", result.outOfScope());
        respond(ex, 200, o.toString());
    }

    private void compliance(HttpExchange ex, Runtime runtime, DeliveryLoop delivery) throws IOException {
        ComplianceApi api = new ComplianceApi(runtime);
        ComplianceApi.Response r;
        if (ex.getRequestMethod().equals("POST")) {
            byte[] body = readCapped(ex.getRequestBody());
            String clusterId = null;
            try {
                clusterId = com.google.gson.JsonParser.parseString(body == null ? "" : new String(body, StandardCharsets.UTF_8))
                        .getAsJsonObject().get("clusterId").getAsString();
            } catch (RuntimeException ignored) {
                // the API answers 400 with the expected shape
            }
            r = api.reevaluate(clusterId);
            delivery.wake();
        } else {
            r = api.get(query(ex).get("clusterId"));
        }
        respond(ex, r.status(), r.body());
    }

    /** The dashboard and the KPI JSON: GET only, on exactly their path. */
    private static void kpi(HttpExchange ex, String path, java.util.function.Function<Map<String, String>, KpiApi.Response> api)
            throws IOException {
        if (!ex.getRequestURI().getPath().equals(path)) {
            respond(ex, 404, error("no such page; the dashboard is at /, its JSON at /api/kpi"));
            return;
        }
        if (!ex.getRequestMethod().equals("GET")) {
            ex.getResponseHeaders().add("Allow", "GET");
            respond(ex, 405, error("use GET"));
            return;
        }
        KpiApi.Response r = api.apply(query(ex));
        ex.getResponseHeaders().set("Content-Type", r.contentType());
        // a page that lists every cluster's weaknesses is not for shared caches
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
        if (r.body().length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(r.body());
            }
        }
    }

    /** Built on first use: a serve that is never asked for KPIs never reads their settings. */
    private static <T> java.util.function.Supplier<T> once(java.util.function.Supplier<T> make) {
        return new java.util.function.Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = make.get();
                }
                return value;
            }
        };
    }

    private static byte[] readCapped(InputStream in) throws IOException {
        byte[] data = in.readNBytes(MAX_BODY + 1);
        return data.length > MAX_BODY ? null : data;
    }

    private static Map<String, String> query(HttpExchange ex) {
        Map<String, String> q = new HashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw == null) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    private static String error(String message) {
        JsonObject o = new JsonObject();
        o.addProperty("error", message);
        return o.toString();
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(bytes);
            }
        }
    }
}
