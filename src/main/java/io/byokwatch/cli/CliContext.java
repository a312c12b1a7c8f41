package io.byokwatch.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * What every command is given: where its output and messages go, and the environment its settings (webhook URLs,
 * signing secrets, BYOKWATCH_* thresholds) are looked up in, how a live inventory is opened, and whether stdout and
 * stderr are terminals (colours, progress). Passed in rather than
 * read from {@code System}, so tests run the real commands in-process.
 */
record CliContext(PrintStream out, PrintStream err, Map<String, String> env, LiveSource live, Terminal terminal) {
    CliContext(PrintStream out, PrintStream err, Map<String, String> env) {
        this(out, err, env, LiveSource.ARM, Terminal.NONE);
    }

    CliContext(PrintStream out, PrintStream err, Map<String, String> env, LiveSource live) {
        this(out, err, env, live, Terminal.NONE);
    }

    CliContext withErr(PrintStream replaced) {
        return new CliContext(out, replaced, env, live, terminal);
    }
}
