package io.byokwatch.cli;

import io.byokwatch.bootstrap.KpiApi;
import io.byokwatch.bootstrap.KpiRuntime;
import io.byokwatch.bootstrap.Notifications;
import io.byokwatch.bootstrap.Runtime;
import io.byokwatch.bootstrap.SettingsException;
import io.byokwatch.cli.serve.EventRoutes;
import io.byokwatch.cli.serve.EventServer;
import io.byokwatch.cli.serve.ServeLimits;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

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
    static final int MAX_BODY = ServeLimits.MAX_BODY;

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
    record Serving(EventServer server, DeliveryLoop delivery) implements AutoCloseable {
        int port() {
            return server.port();
        }

        @Override
        public void close() {
            server.close();
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
        io.byokwatch.policy.PolicyWarnings.of(runtime.policy(), java.time.LocalDate.ofInstant(Clock.systemUTC().instant(), java.time.ZoneOffset.UTC))
                .forEach(w -> err.println("warning: policy: " + w));
        Serving serving = start(runtime, runtime.notifications(parts), bind, port, key);
        err.println("byokwatch serving on http://" + bind + ":" + serving.port()
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

    /** Literal loopback addresses and localhost: decided without a DNS lookup. */
    static boolean loopback(String bind) {
        String b = bind.trim().toLowerCase(java.util.Locale.ROOT);
        return b.equals("localhost") || b.startsWith("127.") || b.equals("::1") || b.equals("[::1]");
    }

    /** Starts the endpoint and its delivery; port 0 picks a free one (tests). */
    Serving start(Runtime runtime, Notifications notifications, String bind, int port, String key) {
        return start(runtime, notifications, bind, port, key, ServeLimits.STANDARD);
    }

    /** As {@link #start(Runtime, Notifications, String, int, String)}, with other limits (tests of the deadlines). */
    Serving start(Runtime runtime, Notifications notifications, String bind, int port, String key, ServeLimits limits) {
        DeliveryLoop delivery = new DeliveryLoop(notifications.drainer(err::println), notifications.reminders(),
                Clock.systemUTC(), err, notifications.secrets()).start();
        EventServer server;
        try {
            server = EventServer.start(bind, port, key, limits, new EventRoutes(runtime, delivery::wake, err::println,
                    new KpiApi(once(() -> KpiRuntime.from(runtime, processEnv)), Clock.systemUTC())),
                    err::println);
        } catch (IllegalStateException e) {
            delivery.close();
            throw new InputException(e.getMessage());
        }
        return new Serving(server, delivery);
    }
}
