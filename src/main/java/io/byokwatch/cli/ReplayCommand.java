package io.byokwatch.cli;

import io.byokwatch.adapter.eventgrid.EventFormatException;
import io.byokwatch.app.DriftDetector;
import io.byokwatch.app.OutboxDrainer;
import io.byokwatch.bootstrap.EventIntake;
import io.byokwatch.bootstrap.Notifications;
import io.byokwatch.bootstrap.Runtime;
import io.byokwatch.bootstrap.SettingsException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code byokwatch replay}: feeds recorded Event Grid deliveries through the same path the Functions use. With a
 * persistent {@code --state DIR}, successive runs over a changed inventory raise opened/changed/resolved alerts just
 * as in Azure. Alerts are then delivered from the outbox by the same delivery the Functions use: to the terminal,
 * readable ({@code --notify stdout}, the default) or as JSON lines ({@code --notify json}), and/or to the channels of a
 * notify config. A one-shot run cannot wait a flap window, so it never holds resolutions back.
 */
@Command(name = "replay", sortOptions = false,
        customSynopsis = {"byokwatch replay --inventory PATH --events FILE... [--state DIR] [--policy FILE]",
                "                 [--now ISO-8601] [--notify stdout|json] [--notify-config FILE]"},
        description = "Feed recorded Event Grid events through the event path and deliver the alerts.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every event handled and every alert delivered",
                "1:an alert could not be delivered (dead-lettered, or still waiting in the outbox)",
                "2:usage error, unreadable input or an event file that could not be processed"})
final class ReplayCommand implements Callable<Integer> {
    /** How long a replay waits out retry delays before leaving what is left in the outbox for the next run. */
    static final Duration DRAIN_BUDGET = Duration.ofMinutes(2);

    static final class Input {
        @Option(names = "--inventory", paramLabel = "PATH", description = "A JSON file or a folder of them: the estate now.")
        String inventory;

        @Option(names = "--events", paramLabel = "FILE", arity = "1..*",
                description = "Event Grid or CloudEvents deliveries (a single event or a batch per file).")
        List<String> events = new ArrayList<>();

        @Option(names = "--state", paramLabel = "DIR",
                description = "Verdicts and outbox; keep it across runs to get changed/resolved alerts (default: a new temporary folder).")
        String state;

        @Option(names = "--policy", paramLabel = "FILE", description = "Policy file (default: BYOK required everywhere).")
        String policy;

        @Option(names = "--now", paramLabel = "ISO-8601", description = "When the events are handled (default: now).")
        String now;
    }

    @ArgGroup(validate = false, heading = "%nInput:%n", order = 1)
    Input input = new Input();

    @ArgGroup(validate = false, heading = "%nDelivery (default: readable text on stdout):%n", order = 2)
    NotifyOptions notify = new NotifyOptions();

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> processEnv;

    ReplayCommand(CliContext cli) {
        this.out = cli.out();
        this.err = cli.err();
        this.processEnv = cli.env();
    }

    @Override
    public Integer call() {
        String inventory = Flags.required("replay", "--inventory", input.inventory, "examples/estate");
        List<String> events = input.events;
        if (events.isEmpty()) {
            throw new UsageException("'replay' needs --events FILE..., e.g. --events examples/events/01-cluster-shipped-without-byok.json");
        }
        Notifications.Parts parts = notify.parts(processEnv, out, false);
        if (!Files.exists(Path.of(inventory))) {
            throw new InputException("inventory path " + inventory + " does not exist; point --inventory at a JSON file or a folder of them");
        }
        if (input.state != null) {
            return replay(Path.of(input.state), inventory, events, parts);
        }
        // without --state the state is this run's own: removed at exit unless it still holds alerts
        Path state = temporaryState();
        Thread cleanup = new Thread(() -> TemporaryState.removeUnlessUndelivered(state, err));
        java.lang.Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            return replay(state, inventory, events, parts);
        } finally {
            TemporaryState.removeUnlessUndelivered(state, err);
            try {
                java.lang.Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: it does the same
            }
        }
    }

    private int replay(Path state, String inventory, List<String> events, Notifications.Parts parts) {
        Map<String, String> env = new HashMap<>();
        env.put("BYOKWATCH_INVENTORY", "files");
        env.put("BYOKWATCH_INVENTORY_PATH", inventory);
        env.put("BYOKWATCH_STATE", "files");
        env.put("BYOKWATCH_STATE_DIR", state.toString());
        if (input.policy != null) {
            env.put("BYOKWATCH_POLICY_FILE", input.policy);
        }
        Clock clock = input.now != null ? Clock.fixed(Times.parse("now", input.now), ZoneOffset.UTC) : Clock.systemUTC();
        Runtime runtime;
        try {
            runtime = Runtime.build(env, clock);
        } catch (SettingsException e) {
            throw new UsageException(e.getMessage());
        }
        io.byokwatch.policy.PolicyWarnings.of(runtime.policy(), java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC))
                .forEach(w -> err.println("warning: policy: " + w));
        int routed = 0;
        int ignored = 0;
        int outOfScope = 0;
        int failures = 0;
        for (String file : events) {
            EventIntake.Result r;
            try {
                r = runtime.intake().accept(read(file), null);
            } catch (EventFormatException e) {
                err.println("byokwatch: " + file + ": " + e.getMessage());
                failures++;
                continue;
            }
            r.rejected().forEach(x -> err.println("warning: " + file + ": " + x));
            outOfScope += r.outOfScope();
            for (DriftDetector.EventOutcome o : r.outcomes()) {
                if (o.ignored()) {
                    ignored++;
                    err.println("ignored " + o.eventId() + ": " + o.reason());
                } else {
                    routed++;
                    err.println("event " + o.eventId() + ": " + o.reason());
                }
                o.notes().forEach(n -> err.println("note: " + n));
            }
            for (String f : r.failures()) {
                err.println("failed: " + f);
                failures++;
            }
        }
        Notifications notifications = runtime.notifications(parts);
        OutboxDrainer.Report delivered;
        try {
            delivered = notifications.drainer(err::println).drainUntilSettled(DRAIN_BUDGET);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("byokwatch: interrupted while delivering; undelivered alerts stay in " + state.resolve("outbox"));
            return 1;
        }
        out.flush();
        long waiting = runtime.outbox().size();
        err.println("replayed " + events.size() + " file(s): " + routed + " event(s) routed, " + ignored + " ignored, "
                + outOfScope + " out of scope, " + delivered.finished() + " alert(s) delivered"
                + (delivered.deadLettered() > 0 ? ", " + delivered.deadLettered() + " channel deliveries dead-lettered (see "
                + state.resolve("deadletter") + ")" : "")
                + (waiting > 0 ? ", " + waiting + " alert(s) still waiting in " + state.resolve("outbox")
                + " (delivered by the next run with this --state)" : ""));
        if (failures > 0) {
            return 2;
        }
        return delivered.deadLettered() > 0 || waiting > 0 ? 1 : 0;
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException("cannot read --events " + file + ": " + e.getMessage());
        }
    }

    private static Path temporaryState() {
        try {
            return Files.createTempDirectory("byokwatch-state");
        } catch (IOException e) {
            throw new InputException("cannot create a temporary state folder: " + e.getMessage() + "; pass --state DIR");
        }
    }
}
