package io.byokwatch.adapter.arm;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

/** Failures worth another try: the network, not the request. */
final class Transient {
    private Transient() {
    }

    static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // netty's ReadTimeoutException is not a java.util.concurrent.TimeoutException, hence the name test
            if (t instanceof IOException || t instanceof TimeoutException
                    || t.getClass().getSimpleName().endsWith("TimeoutException")) {
                return true;
            }
        }
        return false;
    }

    /** One line for a user: the innermost cause's type and message, never a stack trace. */
    static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + oneLine(message));
    }

    static String oneLine(String text) {
        String t = text.replaceAll("\\s+", " ").trim();
        return t.length() > 300 ? t.substring(0, 297) + "..." : t;
    }
}
