package io.byokwatch.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a report goes: stdout when no {@code --output} is given or it is {@code -} (the usual spelling for stdout),
 * else the file (folders created), announced on stderr unless quiet.
 */
final class OutputFile {
    private OutputFile() {
    }

    static void write(String output, String text, PrintStream out, PrintStream err) {
        write(output, text, out, err, false);
    }

    /** True when the report goes to stdout. */
    static boolean toStdout(String output) {
        return output == null || output.equals("-");
    }

    static void write(String output, String text, PrintStream out, PrintStream err, boolean quiet) {
        if (toStdout(output)) {
            out.print(text);
            out.flush();
            return;
        }
        try {
            Path p = Path.of(output);
            if (p.getParent() != null) {
                Files.createDirectories(p.getParent());
            }
            Files.writeString(p, text, StandardCharsets.UTF_8);
            if (!quiet) {
                err.println("wrote " + p);
            }
        } catch (IOException e) {
            throw new InputException("cannot write --output " + output + ": " + e.getMessage());
        }
    }
}
