package io.byokwatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Whether stdout and stderr are terminals a person reads, which decides colours and progress lines; files, pipes and
 * CI logs get neither. On Linux the descriptor's target says it (/dev/pts/N, /dev/ttyN); elsewhere the JVM's console.
 */
record Terminal(boolean stdout, boolean stderr) {
    static final Terminal NONE = new Terminal(false, false);

    static Terminal detect() {
        return new Terminal(isTerminal(1), isTerminal(2));
    }

    private static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    /** Colours on stdout: asked for, or on a terminal unless NO_COLOR is set to anything (no-color.org). */
    boolean colourOnStdout(String choice, Map<String, String> env) {
        return switch (choice) {
            case "always" -> true;
            case "never" -> false;
            default -> stdout && (env.get("NO_COLOR") == null || env.get("NO_COLOR").isEmpty()) && !"dumb".equals(env.get("TERM"));
        };
    }
}
