package io.byokwatch.cli;

import io.byokwatch.render.Utf8Writer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where a report goes: stdout when no {@code --output} is given or it is {@code -} (the usual spelling for stdout),
 * else the file (folders created), announced on stderr unless quiet.
 */
final class OutputFile {
    private OutputFile() {
    }

    /**
     * Refuses an {@code --output} that would overwrite something the command reads: an input file itself (also through
     * a symlink or hard link), or a file already inside an input folder. Checked before any work, so a typo costs
     * nothing but a message, never the export it named.
     *
     * @param inputs each input path by the option that named it (e.g. "--inventory"); null paths are skipped
     */
    static void refuseInputs(String output, Map<String, List<Path>> inputs) {
        if (output == null) {
            return;
        }
        // "new/../export.json": the folder is created first, then the name resolves to the export; judge that file
        Path out = Files.exists(Path.of(output)) ? Path.of(output) : Path.of(output).toAbsolutePath().normalize();
        if (!Files.exists(out)) {
            return;
        }
        for (Map.Entry<String, List<Path>> e : inputs.entrySet()) {
            for (Path in : e.getValue()) {
                if (in == null || !Files.exists(in)) {
                    continue;
                }
                if (same(out, in) || inside(out, in)) {
                    throw new UsageException("--output " + output + " is " + (same(out, in) ? "" : "inside ") + e.getKey()
                            + " " + in + ", which this command reads; writing the report there would overwrite the input."
                            + " Choose another --output path");
                }
            }
        }
    }

    private static boolean same(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    private static boolean inside(Path file, Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try {
            return file.toRealPath().startsWith(folder.toRealPath());
        } catch (IOException e) {
            return file.toAbsolutePath().normalize().startsWith(folder.toAbsolutePath().normalize());
        }
    }

    static void write(String output, String text, PrintStream out, PrintStream err) {
        write(output, text, out, err, false);
    }

    /** True when the report goes to stdout. */
    static boolean toStdout(String output) {
        return output == null || output.equals("-");
    }

    /** Output written as it is made. */
    interface Rendering {
        void to(Writer w) throws IOException;
    }

    /** Output written straight into the file it goes to. */
    interface FileRendering {
        void to(Path file) throws IOException;
    }

    /** As {@link #write(String, Rendering, FileRendering, PrintStream, PrintStream, boolean)}, a file filled as a stream. */
    static void write(String output, Rendering rendering, PrintStream out, PrintStream err, boolean quiet) {
        write(output, rendering, file -> {
            try (Writer w = new Utf8Writer(Files.newOutputStream(file))) {
                rendering.to(w);
            }
        }, out, err, quiet);
    }

    /**
     * As {@link #write(String, String, PrintStream, PrintStream, boolean)}, streaming: a large report never exists
     * whole. {@code toFile} fills the file when there is one (a format may do that faster than through a stream).
     */
    static void write(String output, Rendering rendering, FileRendering toFile, PrintStream out, PrintStream err,
                      boolean quiet) {
        if (toStdout(output)) {
            try {
                Writer w = new Utf8Writer(out);
                rendering.to(w);
                w.flush();
            } catch (IOException e) {
                throw new InputException("cannot write the report to stdout: " + e.getMessage());
            }
            return;
        }
        try {
            Path p = Path.of(output);
            if (p.getParent() != null) {
                Files.createDirectories(p.getParent());
            }
            toFile.to(p);
            if (!quiet) {
                err.println("wrote " + p);
            }
        } catch (IOException e) {
            throw new InputException("cannot write --output " + output + ": " + e.getMessage());
        }
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
