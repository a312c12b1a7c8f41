package io.byokwatch.cli;

import io.byokwatch.app.doctor.DoctorReport;
import io.byokwatch.bootstrap.DoctorWiring;
import io.byokwatch.bootstrap.SettingsException;
import io.byokwatch.render.doctor.DoctorJson;
import io.byokwatch.render.doctor.DoctorText;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code byokwatch doctor --live}: did the deployment work? Runs the app's own checks ({@link io.byokwatch.app.doctor.Doctor})
 * with the settings in the environment, the flags in front of them, as this shell's Azure credentials. Exits like
 * {@code scan}: 0 when every check passed, 1 when one failed or could not be made, 2 on a usage or settings error.
 */
final class DoctorCommand {
    /** Builds the doctor from settings and flags; tests aim it at local fakes. */
    interface Factory {
        DoctorWiring.Wired wire(Map<String, String> env, DoctorWiring.Choices choices, Clock clock);
    }

    private static final Pattern SUBSCRIPTION = Pattern.compile("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}");

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final Factory factory;
    private final Clock clock;

    DoctorCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this(out, err, env, DoctorWiring::fromEnvironment, Clock.systemUTC());
    }

    DoctorCommand(PrintStream out, PrintStream err, Map<String, String> env, Factory factory, Clock clock) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.factory = factory;
        this.clock = clock;
    }

    int run(List<String> argv) {
        Args args = new Args("doctor", argv, Set.of("management-group", "function-app", "workspace", "notify-config",
                "format", "output"), Set.of("subscription"), Set.of("live"));
        if (!args.has("live")) {
            throw new UsageException("doctor checks a deployment in Azure and needs --live, e.g. byokwatch doctor --live"
                    + " --subscription 6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01");
        }
        if (args.has("subscription") && args.has("management-group")) {
            throw new UsageException("give --subscription ID... or --management-group ID, not both");
        }
        for (String s : args.all("subscription")) {
            if (!SUBSCRIPTION.matcher(s).matches()) {
                throw new UsageException("--subscription '" + s + "' is not a subscription id; e.g."
                        + " 6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01");
            }
        }
        String format = args.choice("format", "text", List.of("text", "json"));
        DoctorWiring.Choices choices = new DoctorWiring.Choices(args.all("subscription"), args.get("management-group"),
                args.get("function-app"), args.get("workspace"), args.get("notify-config"));
        DoctorWiring.Wired wired;
        try {
            wired = factory.wire(env, choices, clock);
        } catch (SettingsException e) {
            throw new UsageException(e.getMessage() + "\n(doctor reads the app's settings from the environment;"
                    + " flags --subscription, --management-group, --function-app, --workspace and --notify-config"
                    + " replace them)");
        }
        DoctorReport report = wired.doctor().run(wired.config());
        OutputFile.write(args.get("output"), format.equals("json") ? DoctorJson.render(report) : DoctorText.render(report), out, err);
        return report.exitCode();
    }
}
