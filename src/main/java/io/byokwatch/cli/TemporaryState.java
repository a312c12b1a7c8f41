package io.byokwatch.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * The state folder {@code replay} makes for itself when given no {@code --state}: nothing can use it after the run, so
 * it is removed at exit. Except when alerts still wait in its outbox or channel deliveries were dead-lettered there:
 * removing those would lose them, so the folder is kept and its path said.
 */
final class TemporaryState {
    private TemporaryState() {
    }

    static synchronized void removeUnlessUndelivered(Path state, PrintStream err) {
        if (!Files.exists(state)) {
            return;
        }
        if (holdsFiles(state.resolve("outbox"), ".json") || holdsFiles(state.resolve("deadletter"), ".json")) {
            err.println("byokwatch: kept " + state + ": it holds undelivered or dead-lettered alerts; replay again with"
                    + " --state " + state + " to deliver them, or delete it");
            return;
        }
        try {
            Files.walkFileTree(state, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            err.println("byokwatch: could not remove the temporary state folder " + state + ": " + e.getMessage());
        }
    }

    private static boolean holdsFiles(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(suffix)
                    && !f.getFileName().toString().startsWith("."));
        } catch (IOException e) {
            return true;
        }
    }
}
