package io.byokwatch.cli;

import java.io.PrintStream;

/**
 * A one-line progress count on stderr for work that takes a while (a large inventory, a live scan reading ARM), redrawn
 * in place at most five times a second and only once the work has run a second, then erased: a terminal gets
 * reassurance, a short run gets nothing, and files and CI logs never see it.
 */
final class Progress {
    private static final long SHOW_AFTER_NANOS = 1_000_000_000L;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream err;
    private final boolean enabled;
    private final String what;
    private final java.util.function.LongSupplier nanos;
    private final long started;
    private long drawn;
    private boolean shown;

    Progress(PrintStream err, boolean enabled, String what) {
        this(err, enabled, what, System::nanoTime);
    }

    Progress(PrintStream err, boolean enabled, String what, java.util.function.LongSupplier nanos) {
        this.err = err;
        this.enabled = enabled;
        this.what = what;
        this.nanos = nanos;
        this.started = nanos.getAsLong();
    }

    void step(int done, int total) {
        if (!enabled) {
            return;
        }
        long now = nanos.getAsLong();
        if (now - started < SHOW_AFTER_NANOS || (shown && now - drawn < REDRAW_NANOS && done < total)) {
            return;
        }
        err.print("\r" + what + " " + done + "/" + total + " (" + (total == 0 ? 100 : done * 100L / total) + "%)\u001b[K");
        err.flush();
        drawn = now;
        shown = true;
    }

    /** Erases the line, so what follows on the terminal starts clean. */
    void done() {
        if (shown) {
            err.print("\r\u001b[K");
            err.flush();
            shown = false;
        }
    }
}
