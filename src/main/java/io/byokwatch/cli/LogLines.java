package io.byokwatch.cli;

import io.byokwatch.domain.Printable;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The command's stderr as a log: every {@code println} is one line, whatever the text carries (a caller name with a
 * newline, an event id with an escape sequence cannot forge a second line or rewrite the terminal). Help and usage,
 * written as blocks of text through other methods, pass unchanged.
 */
final class LogLines extends PrintStream {
    private LogLines(PrintStream inner) {
        // the streams byokwatch writes are UTF-8 (Main, and the tests' own), so the bytes pass through unchanged
        super(inner, true, StandardCharsets.UTF_8);
    }

    static PrintStream of(PrintStream err) {
        return err instanceof LogLines ? err : new LogLines(err);
    }

    @Override
    public void println(String x) {
        super.println(Printable.line(x));
    }

    @Override
    public void println(Object x) {
        println(String.valueOf(x));
    }
}
