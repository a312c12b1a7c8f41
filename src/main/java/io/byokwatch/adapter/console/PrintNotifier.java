package io.byokwatch.adapter.console;

import io.byokwatch.port.Notifier;

import java.io.PrintStream;
import java.util.Objects;

/**
 * Prints payloads to a stream: the terminal rendering for {@code --notify stdout} and the demo, or alert JSON lines
 * for {@code --notify json}. Whole payloads are printed under one lock, so concurrent deliveries never interleave.
 */
public final class PrintNotifier implements Notifier {
    private final PrintStream out;
    private final boolean blankLineBetween;

    /** @param blankLineBetween a blank line after each payload, for readable text; none for JSON lines */
    public PrintNotifier(PrintStream out, boolean blankLineBetween) {
        this.out = Objects.requireNonNull(out, "out");
        this.blankLineBetween = blankLineBetween;
    }

    @Override
    public Result send(String channel, Payload payload) {
        synchronized (out) {
            String body = payload.body();
            out.print(body.endsWith("\n") ? body : body + "\n");
            if (blankLineBetween) {
                out.println();
            }
            out.flush();
            return out.checkError() ? new Retry("could not write to the output of channel " + channel, null) : new Sent(0);
        }
    }
}
