package io.byokwatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * The {@code byokwatch} command line. Parsing, help, {@code --version}, typo suggestions and completion come from picocli;
 * {@link CliErrors} turns every user mistake into exit code 2 with one line and a hint, never a stack trace.
 */
public final class Main {
    /**
     * Every subcommand, in the order {@code byokwatch --help} lists them.
     *
     * <p>Adding a command is one class and one line here. The class is annotated
     * {@code @Command(name = "...", description = "...")}, implements {@code Callable<Integer>} (the exit code: 0 fine, 1
     * findings at or above the threshold or work left undone, 2 is for usage errors and is best left to a thrown
     * {@link UsageException} or {@link InputException}), takes a {@link CliContext} in its constructor and writes only to
     * its streams. Options are {@code @Option} fields; put them in {@code @ArgGroup(validate = false, heading = ...)}
     * sections as {@link ScanCommand} does, with {@code separator} and fixed values in {@code completionCandidates} so
     * help and completion show them. {@code -h/--help}, {@code --version}, "did you mean", refusing an option given twice,
     * the completion script and the exit-code handling then apply to it with nothing more to write.
     */
    static final List<Function<CliContext, Object>> COMMANDS = List.of(
            ScanCommand::new,
            PlanCommand::new,
            BlastRadiusCommand::new,
            RulesCommand::new,
            ReplayCommand::new,
            ServeCommand::new,
            AccessReportCommand::new,
            DemoCommand::new,
            KpiCommand::new,
            DoctorCommand::new,
            CompletionCommand::new);

    /** The top level: global help and version, inherited by every subcommand. */
    @Command(name = "byokwatch", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
            versionProvider = VersionInfo.class, usageHelpWidth = 100, usageHelpAutoWidth = true,
            sortOptions = false, descriptionHeading = "%n", optionListHeading = "%nOptions:%n",
            description = "Prove AKS clusters are encrypted with a customer-managed key, end to end.",
            commandListHeading = "%nCommands:%n",
            synopsisSubcommandLabel = "COMMAND",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                    "0:done; for scan and plan, nothing at or above --fail-on",
                    "1:scan, plan: a finding at or above --fail-on; access-report: an anomaly at or above --fail-on, or"
                            + " something could not be delivered; replay: something could not be delivered;"
                            + " doctor: a check failed or could not be made",
                    "2:usage error or unreadable input (nothing was judged)"})
    static final class Root implements Callable<Integer> {
        private final CliContext cli;
        @Spec
        CommandSpec spec;

        Root(CliContext cli) {
            this.cli = cli;
        }

        /** No command given: the overview, and 2, because nothing was done. */
        @Override
        public Integer call() {
            cli.out().print(spec.commandLine().getUsageMessage());
            return 2;
        }
    }

    private Main() {
    }

    public static void main(String[] argv) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(argv, new CliContext(out, err, System.getenv(), LiveSource.ARM, Terminal.detect())));
    }

    /** Runs one command; returns the exit code. Kept separate from {@link #main} so tests call it in-process. */
    public static int run(String[] argv, PrintStream out, PrintStream err) {
        return run(argv, out, err, System.getenv());
    }

    /** @param env where a notify config's settings (webhook URLs, signing secrets) are looked up by name */
    public static int run(String[] argv, PrintStream out, PrintStream err, Map<String, String> env) {
        return run(argv, new CliContext(out, err, env));
    }

    /** With a context of the caller's making: tests open live inventories on a fake ARM through it. */
    static int run(String[] argv, CliContext context) {
        PrintStream out = context.out();
        PrintStream err = LogLines.of(context.err());
        CliContext cli = context.withErr(err);
        CommandLine line = commandLine(cli);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        CliErrors errors = new CliErrors(err);
        line.setParameterExceptionHandler(errors);
        line.setExecutionExceptionHandler(errors);
        line.setExecutionStrategy(parsed -> {
            CliErrors.refuseRepeatedOptions(parsed);
            return new CommandLine.RunLast().execute(parsed);
        });
        try {
            return line.execute(argv);
        } catch (OutOfMemoryError e) {
            // what filled the heap is unreachable once unwound to here, so saying so is possible; exit 1 would mean
            // "findings" to a CI job
            err.println(OutOfMemory.advice(argv.length > 0 ? argv[0] : "byokwatch", java.lang.Runtime.getRuntime().maxMemory()));
            return 2;
        }
    }

    /** The whole command tree; the completion script and the tests read it too. */
    static CommandLine commandLine(CliContext cli) {
        CommandLine line = new CommandLine(new Root(cli));
        COMMANDS.forEach(c -> line.addSubcommand(c.apply(cli)));
        line.addSubcommand("help", new HelpCommand());
        // set after the subcommands were added, which copy the inherited attributes: this line is the overview's only
        line.getCommandSpec().usageMessage().footer("", "Run 'byokwatch COMMAND --help' for a command's options.");
        line.setHelpFactory(new HelpLayout());
        // "@file" would silently replace an argument with a file's contents: a surprise for --events @x.json
        line.setExpandAtFiles(false);
        return line;
    }
}
