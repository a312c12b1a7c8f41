package io.byokwatch.cli;

import io.byokwatch.adapter.eventgrid.EventFormatException;
import io.byokwatch.app.DriftDetector;
import io.byokwatch.app.OutboxDrainer;
import io.byokwatch.bootstrap.EventIntake;
import io.byokwatch.bootstrap.Notifications;
import io.byokwatch.bootstrap.Runtime;
import io.byokwatch.bootstrap.SettingsException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code byokwatch replay}: feeds recorded Event Grid deliveries through the same path the Functions use. With a
 * persistent {@code --state DIR}, successive runs over a changed inventory raise opened/changed/resolved alerts just
 * as in Azure. Alerts are then delivered from the outbox by the same delivery the Functions use: to the terminal,
 * readable ({@code --notify stdout}, the default) or as JSON lines ({@code --notify json}), and/or to the channels of a
 * notify config. A one-shot run cannot wait a flap window, so it never holds resolutions back.
 */
final class ReplayCommand {
    /** How long a replay waits out retry delays before leaving what is left in the outbox for the next run. */
    static final Duration DRAIN_BUDGET = Duration.ofMinutes(2);
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> processEnv;

    ReplayCommand(PrintStream out, PrintStream err, Map<String, String> processEnv) {
        this.out = out;
        this.err = err;
        this.processEnv = processEnv;
    }

    int run(List<String> argv) {
        Args args = new Args("replay", argv, Set.of("inventory", "state", "policy", "now", "notify-config"),
                Set.of("events", "notify"), Set.of());
        String inventory = args.required("inventory", "examples/estate");
        List<String> events = args.all("events");
        if (events.isEmpty()) {
            throw new UsageException("'replay' needs --events FILE..., e.g. --events examples/events/cluster-without-byok.json");
        }
        Notifications.Parts parts = NotifyOptions.parts(args, processEnv, out, false);
        if (!Files.exists(Path.of(inventory))) {
            throw new InputException("inventory path " + inventory + " does not exist; point --inventory at a JSON file or a folder of them");
        }
        Path state = args.has("state") ? Path.of(args.get("state")) : temporaryState();
        Map<String, String> env = new HashMap<>();
        env.put("BYOKWATCH_INVENTORY", "files");
        env.put("BYOKWATCH_INVENTORY_PATH", inventory);
        env.put("BYOKWATCH_STATE", "files");
        env.put("BYOKWATCH_STATE_DIR", state.toString());
        if (args.has("policy")) {
            env.put("BYOKWATCH_POLICY_FILE", args.get("policy"));
        }
        Clock clock = args.has("now") ? Clock.fixed(Times.parse("now", args.get("now")), ZoneOffset.UTC) : Clock.systemUTC();
        Runtime runtime;
        try {
            runtime = Runtime.build(env, clock);
        } catch (SettingsException e) {
            throw new UsageException(e.getMessage());
        }
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
            Path dir = Files.createTempDirectory("byokwatch-state");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new InputException("cannot create a temporary state folder: " + e.getMessage() + "; pass --state DIR");
        }
    }
}
