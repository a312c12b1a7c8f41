package io.byokwatch.cli;

import io.byokwatch.app.doctor.DoctorReport;
import io.byokwatch.bootstrap.DoctorWiring;
import io.byokwatch.bootstrap.SettingsException;
import io.byokwatch.render.doctor.DoctorJson;
import io.byokwatch.render.doctor.DoctorText;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * {@code byokwatch doctor --live}: did the deployment work? Runs the app's own checks ({@link io.byokwatch.app.doctor.Doctor})
 * with the settings in the environment, the options in front of them, as this shell's Azure credentials. Exits like
 * {@code scan}: 0 when every check passed, 1 when one failed or could not be made, 2 on a usage or settings error.
 */
@Command(name = "doctor", sortOptions = false,
        description = {"Did the deployment work? Checks a deployed byokwatch end to end.",
                "Checks that byokwatch can read what it watches, that changes reach its functions with the routed operations, that the key vaults' audit logs reach its workspace, that its",
                "state storage answers and that every notify channel's settings resolve; each check passes, fails, or",
                "is unknown with what to grant. Reads the app's settings from the environment (the options replace",
                "them) and runs as this shell's Azure credentials; GET /api/doctor on the app runs the same checks as",
                "its managed identity."},
        customSynopsis = {"byokwatch doctor --live [--subscription ID... | --management-group ID]",
                "                 [--function-app ID] [--workspace GUID] [--notify-config FILE]",
                "                 [--format text|json] [--output FILE]"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every check passed", "1:a check failed or could not be made",
                "2:usage error or unusable settings (nothing was checked)"})
final class DoctorCommand implements Callable<Integer> {
    static final List<String> FORMATS = List.of("text", "json");
    private static final Pattern SUBSCRIPTION = Pattern.compile("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}");

    /** Builds the doctor from settings and options; tests aim it at local stand-ins. */
    interface Factory {
        DoctorWiring.Wired wire(Map<String, String> env, DoctorWiring.Choices choices, Clock clock);
    }

    static final class Formats extends ArrayList<String> {
        Formats() {
            super(FORMATS);
        }
    }

    static final class Scope {
        @Option(names = "--live", description = "Check the deployment in Azure (required: doctor reads nothing else).")
        boolean live;

        @Option(names = "--subscription", paramLabel = "ID", arity = "1..*",
                description = "Subscriptions to check instead of BYOKWATCH_SUBSCRIPTIONS.")
        List<String> subscriptions = new ArrayList<>();

        @Option(names = "--management-group", paramLabel = "ID",
                description = "A management group to check instead of BYOKWATCH_MANAGEMENT_GROUP.")
        String managementGroup;
    }

    static final class Deployment {
        @Option(names = "--function-app", paramLabel = "ID",
                description = "The Function App's ARM id (the functionAppId output; default: BYOKWATCH_FUNCTION_APP_ID).")
        String functionApp;

        @Option(names = "--workspace", paramLabel = "GUID",
                description = "The audit workspace's customer id (default: BYOKWATCH_LOG_ANALYTICS_WORKSPACE_ID).")
        String workspace;

        @Option(names = "--notify-config", paramLabel = "FILE",
                description = "The notify config (default: BYOKWATCH_NOTIFY_CONFIG); its settings come from the environment.")
        String notifyConfig;
    }

    static final class Output {
        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", completionCandidates = Formats.class,
                description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--output", paramLabel = "FILE", description = "Write the report here instead of stdout.")
        String output;
    }

    @ArgGroup(validate = false, heading = "%nScope:%n", order = 1)
    Scope scope = new Scope();

    @ArgGroup(validate = false, heading = "%nDeployment:%n", order = 2)
    Deployment deployment = new Deployment();

    @ArgGroup(validate = false, heading = "%nOutput:%n", order = 3)
    Output output = new Output();

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final Factory factory;
    private final Clock clock;

    DoctorCommand(CliContext cli) {
        this(cli, DoctorWiring::fromEnvironment, Clock.systemUTC());
    }

    DoctorCommand(CliContext cli, Factory factory, Clock clock) {
        this.out = cli.out();
        this.err = cli.err();
        this.env = cli.env();
        this.factory = factory;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        if (!scope.live) {
            throw new UsageException("doctor checks a deployment in Azure and needs --live, e.g. byokwatch doctor --live"
                    + " --subscription 6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01");
        }
        if (!scope.subscriptions.isEmpty() && scope.managementGroup != null) {
            throw new UsageException("give --subscription ID... or --management-group ID, not both");
        }
        for (String s : scope.subscriptions) {
            if (!SUBSCRIPTION.matcher(s).matches()) {
                throw new UsageException("--subscription '" + s + "' is not a subscription id; e.g."
                        + " 6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01");
            }
        }
        String format = Flags.choice("--format", output.format, FORMATS);
        DoctorWiring.Choices choices = new DoctorWiring.Choices(scope.subscriptions, scope.managementGroup,
                deployment.functionApp, deployment.workspace, deployment.notifyConfig);
        DoctorWiring.Wired wired;
        try {
            wired = factory.wire(env, choices, clock);
        } catch (SettingsException e) {
            throw new UsageException(e.getMessage() + "\n(doctor reads the app's settings from the environment;"
                    + " --subscription, --management-group, --function-app, --workspace and --notify-config replace them)");
        }
        DoctorReport report = wired.doctor().run(wired.config());
        OutputFile.write(output.output, format.equals("json") ? DoctorJson.render(report) : DoctorText.render(report), out, err);
        return report.exitCode();
    }
}
