package io.byokwatch.cli;

import io.byokwatch.adapter.eventgrid.EventFormatException;
import io.byokwatch.app.DriftDetector;
import io.byokwatch.bootstrap.EventIntake;
import io.byokwatch.bootstrap.Runtime;
import io.byokwatch.bootstrap.SettingsException;
import io.byokwatch.port.Outbox;

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
 * as in Azure. Alerts are drained from the outbox and printed as JSON lines.
 */
final class ReplayCommand {
    private final PrintStream out;
    private final PrintStream err;

    ReplayCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> argv) {
        Args args = new Args("replay", argv, Set.of("inventory", "state", "policy", "now"), Set.of("events", "notify"), Set.of());
        String inventory = args.required("inventory", "examples/estate");
        List<String> events = args.all("events");
        if (events.isEmpty()) {
            throw new UsageException("'replay' needs --events FILE..., e.g. --events examples/events/cluster-without-byok.json");
        }
        for (String n : args.all("notify")) {
            if (!n.equals("stdout")) {
                throw new UsageException("--notify " + n + ": replay prints alerts to stdout; webhook channels are configured for delivery, not here");
            }
        }
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
        int alerts = drain(runtime.outbox());
        err.println("replayed " + events.size() + " file(s): " + routed + " event(s) routed, " + ignored + " ignored, "
                + outOfScope + " out of scope, " + alerts + " alert(s)");
        return failures > 0 ? 2 : 0;
    }

    /** Prints and acknowledges every alert waiting in the outbox, oldest first. */
    private int drain(Outbox outbox) {
        int n = 0;
        for (List<Outbox.Lease> batch = outbox.lease(100, Duration.ofMinutes(1)); !batch.isEmpty(); batch = outbox.lease(100, Duration.ofMinutes(1))) {
            for (Outbox.Lease lease : batch) {
                out.println(lease.message().body());
                outbox.ack(lease);
                n++;
            }
        }
        out.flush();
        return n;
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
