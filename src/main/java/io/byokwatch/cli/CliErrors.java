package io.byokwatch.cli;

import io.byokwatch.policy.PolicyException;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * How a command line that went wrong ends: exit code 2 and one line saying what, plus for a usage mistake the hint
 * where its help is. A bug is named in one line too; its stack trace only with {@code BYOKWATCH_DEBUG=1}.
 */
final class CliErrors implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {
    static final int USAGE = 2;
    private final PrintStream err;

    CliErrors(PrintStream err) {
        this.err = err;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        usage(ex.getCommandLine(), describe(ex));
        return USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine command, ParseResult parsed) {
        if (ex instanceof UsageException) {
            usage(command, ex.getMessage());
        } else if (ex instanceof InputException input) {
            err.println("byokwatch: " + input.getMessage());
            input.details().forEach(d -> err.println("  " + oneLine(d)));
        } else if (ex instanceof PolicyException) {
            err.println("byokwatch: " + ex.getMessage());
        } else if (ex instanceof UncheckedIOException || ex instanceof IllegalArgumentException || ex instanceof IllegalStateException) {
            // the environment said no (a state folder that cannot be created, a port out of range, storage that
            // refused): the message says what; a stack trace would only say where in byokwatch it was noticed
            err.println("byokwatch: " + oneLine(ex.getMessage()));
        } else {
            // a bug: name it in one line so it can be reported, and keep the trace for whoever asks for it
            err.println("byokwatch: internal error (" + ex.getClass().getSimpleName() + ": " + oneLine(ex.getMessage())
                    + "); run again with BYOKWATCH_DEBUG=1 for the stack trace and report it");
            if (System.getenv("BYOKWATCH_DEBUG") != null) {
                ex.printStackTrace(err);
            }
        }
        err.flush();
        return USAGE;
    }

    private void usage(CommandLine command, String message) {
        err.println("byokwatch: " + oneLine(message));
        err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
    }

    /** picocli's reasons, reworded where they would leave a newcomer guessing. */
    static String describe(ParameterException ex) {
        String command = "'" + ex.getCommandLine().getCommandSpec().qualifiedName() + "'";
        if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            // a webhook URL carries its secret in the path: never echo one
            String first = u.getUnmatched().get(0).contains("://") ? "<a URL>" : u.getUnmatched().get(0);
            CommandLine.Model.CommandSpec spec = ex.getCommandLine().getCommandSpec();
            boolean hasCommands = !spec.subcommands().isEmpty();
            if (first.startsWith("-")) {
                String flag = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
                List<String> names = spec.options().stream().flatMap(o -> java.util.Arrays.stream(o.names())).toList();
                return "unknown flag " + flag + " for " + command + didYouMean(Suggestions.closest(flag, names));
            }
            if (hasCommands) {
                return "unknown command '" + first + "'" + didYouMean(Suggestions.closest(first, spec.subcommands().keySet())
                        .stream().map(s -> "'" + s + "'").toList());
            }
            return "unexpected argument '" + first + "' for " + command + "; options start with --";
        }
        if (ex instanceof CommandLine.MissingParameterException m && !m.getMissing().isEmpty()
                && m.getMissing().get(0) instanceof OptionSpec o && ex.getMessage().startsWith("Missing required parameter for option")) {
            return o.longestName() + " needs a value, e.g. " + o.longestName() + " " + o.paramLabel();
        }
        return ex.getMessage();
    }

    private static String didYouMean(List<String> suggestions) {
        if (suggestions.isEmpty()) {
            return "";
        }
        List<String> few = suggestions.subList(0, Math.min(3, suggestions.size()));
        return "; did you mean " + (few.size() == 1 ? few.get(0)
                : String.join(", ", few.subList(0, few.size() - 1)) + " or " + few.get(few.size() - 1)) + "?";
    }

    /**
     * picocli refuses a single-valued option given twice only outside option groups; byokwatch refuses it everywhere,
     * so "--inventory a --inventory b" never silently scans only b.
     */
    static void refuseRepeatedOptions(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.hasSubcommand() ? p.subcommand() : null) {
            for (OptionSpec o : p.matchedOptions()) {
                if (!o.isMultiValue() && o.arity().max() > 0 && o.originalStringValues().size() > 1) {
                    throw new ParameterException(p.commandSpec().commandLine(), o.longestName() + " given twice");
                }
            }
        }
    }

    private static String oneLine(String message) {
        String m = message == null ? "no detail" : message.replaceAll("\\s+", " ").trim();
        return m.length() > 500 ? m.substring(0, 497) + "..." : m;
    }
}
