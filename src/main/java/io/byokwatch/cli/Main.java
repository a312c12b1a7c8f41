package io.byokwatch.cli;

import io.byokwatch.policy.PolicyException;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The {@code byokwatch} command: dispatches to one command and turns user mistakes into exit code 2, never a trace. */
public final class Main {
    static final String USAGE = """
            byokwatch: prove AKS clusters are encrypted with a customer-managed key, end to end.

            Commands:
              scan          evaluate every cluster in an inventory (files from az / ARM / Resource Graph)
                            byokwatch scan --inventory PATH [--policy FILE] [--format table|json|sarif|markdown]
                                           [--fail-on critical|high|medium|low|none] [--output FILE] [--now ISO-8601]
              blast-radius  what depends on a key, vault or disk encryption set
                            byokwatch blast-radius --inventory PATH (--key URL | --vault ID | --des ID) [--format table|json]
              replay        feed recorded Event Grid events through the event path and deliver the alerts
                            byokwatch replay --inventory PATH --events FILE... [--state DIR] [--policy FILE]
                                             [--notify stdout|json] [--notify-config FILE] [--now ISO-8601]
              serve         the event path as an HTTP endpoint speaking the Event Grid webhook protocol
                            byokwatch serve (--inventory PATH | --live) [--port 7071] [--state DIR] [--key SECRET]
                                            [--policy FILE] [--bind 127.0.0.1] [--notify stdout|json]
                                            [--notify-config FILE]
                            --notify stdout prints alerts readably (the default), json as alert JSON lines;
                            --notify-config delivers to Slack, Teams and signed webhooks, whose URLs and
                            secrets come from the environment variables the config names
              access-report who used the disk keys in the window, and was it normal (Key Vault audit logs)
                            byokwatch access-report (--logs FILE... | --workspace ID) [--inventory PATH] [--now ISO-8601]
                                                    [--window 24h] [--baseline 14d] [--format markdown|json|html]
                                                    [--output FILE] [--allowlist FILE]
                                                    [--notify stdout|json] [--notify-config FILE]
                            --notify/--notify-config also send it to the routes of kind access-report
              kpi           the numbers a CISO asks for: % compliant, time to remediate, key rotation, Key Vault cost
                            byokwatch kpi --state DIR [--inventory PATH | --live] [--logs FILE... | --workspace ID]
                                          [--prices FILE] [--from DATE] [--to DATE] [--by subscription|tag:NAME]
                                          [--format json|markdown|html] [--output FILE] [--key-max-age-days 365]
                                          [--now ISO-8601]
                            the window defaults to the 30 days before --to (now); --to DATE includes that day
              demo          the whole story on the bundled examples in under a minute, no Azure account needed
                            byokwatch demo [--dir DIR]
              rules         list the rule catalog: byokwatch rules [--format table|json]
              help          this text

            Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it (replay: an alert could not be
            delivered), 2 usage or unreadable input.
            """;

    private Main() {
    }

    public static void main(String[] argv) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(argv, out, err));
    }

    /** Runs one command; returns the exit code. Kept separate from {@link #main} so tests call it in-process. */
    public static int run(String[] argv, PrintStream out, PrintStream err) {
        return run(argv, out, err, System.getenv());
    }

    /** @param env where a notify config's settings (webhook URLs, signing secrets) are looked up by name */
    public static int run(String[] argv, PrintStream out, PrintStream err, Map<String, String> env) {
        if (argv.length == 0 || List.of("help", "--help", "-h").contains(argv[0])) {
            out.print(USAGE);
            return argv.length == 0 ? 2 : 0;
        }
        List<String> rest = Arrays.asList(argv).subList(1, argv.length);
        try {
            return switch (argv[0]) {
                case "scan" -> new ScanCommand(out, err).run(rest);
                case "rules" -> new RulesCommand(out).run(rest);
                case "blast-radius" -> new BlastRadiusCommand(out, err).run(rest);
                case "replay" -> new ReplayCommand(out, err, env).run(rest);
                case "serve" -> new ServeCommand(out, err, env).run(rest);
                case "access-report" -> new AccessReportCommand(out, err, env).run(rest);
                case "demo" -> new DemoCommand(out, err, env).run(rest);
                case "kpi" -> new KpiCommand(out, err, env).run(rest);
                default -> throw new UsageException("unknown command '" + argv[0] + "'; run byokwatch help");
            };
        } catch (UsageException | PolicyException | InputException e) {
            err.println("byokwatch: " + e.getMessage());
            return 2;
        } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            // the environment said no (a state folder that cannot be created, a port out of range, storage that
            // refused): the message says what; a stack trace would only say where in byokwatch it was noticed
            err.println("byokwatch: " + oneLine(e.getMessage()));
            return 2;
        } catch (RuntimeException e) {
            // a bug: name it in one line so it can be reported, and keep the trace for whoever asks for it
            err.println("byokwatch: internal error (" + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage())
                    + "); run again with BYOKWATCH_DEBUG=1 for the stack trace and report it");
            if (System.getenv("BYOKWATCH_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return 2;
        }
    }

    private static String oneLine(String message) {
        String m = message == null ? "no detail" : message.replaceAll("\\s+", " ").trim();
        return m.length() > 500 ? m.substring(0, 497) + "..." : m;
    }
}
