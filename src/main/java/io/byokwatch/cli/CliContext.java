package io.byokwatch.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * What every command is given: where its output and messages go, and the environment its settings (webhook URLs,
 * signing secrets, BYOKWATCH_* thresholds) are looked up in. Passed in rather than read from {@code System}, so tests
 * run the real commands in-process.
 */
record CliContext(PrintStream out, PrintStream err, Map<String, String> env) {
}
