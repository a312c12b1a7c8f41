package io.byokwatch.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a report goes: stdout when no {@code --output} is given, else the file (folders created), announced on stderr. */
final class OutputFile {
    private OutputFile() {
    }

    static void write(String output, String text, PrintStream out, PrintStream err) {
        if (output == null) {
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
            err.println("wrote " + p);
        } catch (IOException e) {
            throw new InputException("cannot write --output " + output + ": " + e.getMessage());
        }
    }
}
