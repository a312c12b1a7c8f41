package io.byokwatch.adapter.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The files an inventory path stands for, and an account of everything it did not read. A folder is walked
 * recursively in sorted order, following symbolic links (exports are often assembled from links to other folders),
 * with loops detected and each file read once however many links lead to it. Nothing is left out without a word:
 * files that are not {@code .json} are counted, and a folder or link that could not be followed (a loop, a broken
 * link, no permission) is a problem naming its path and the reason.
 */
public final class InventoryFiles {
    private static final int NAMED = 3;

    /** Something under the inventory path that was not read, and why. */
    public record Skipped(Path path, String reason) {
    }

    private final List<Path> json = new ArrayList<>();
    private final List<Skipped> problems = new ArrayList<>();
    private final List<Path> notJson = new ArrayList<>();
    private final List<Skipped> duplicates = new ArrayList<>();
    private int folders;
    private int links;

    private InventoryFiles() {
    }

    /** @throws IllegalArgumentException when the path does not exist (a broken link included) */
    public static InventoryFiles walk(Path root) {
        if (!Files.exists(root)) {
            throw new IllegalArgumentException("inventory path " + root + " does not exist"
                    + (Files.isSymbolicLink(root) ? " (it is a symbolic link to something that does not exist)" : ""));
        }
        InventoryFiles found = new InventoryFiles();
        if (!Files.isDirectory(root)) {
            // a file named on the command line is read whatever its name ends in
            found.json.add(root);
            return found;
        }
        Set<Path> seen = new HashSet<>();
        List<Path> all = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    found.folders++;
                    found.countLink(dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    found.countLink(file);
                    if (attrs.isSymbolicLink()) {
                        // with links followed, a link's own attributes arrive only when its target cannot be read
                        found.problems.add(new Skipped(file, "symbolic link to something that does not exist; skipped"));
                    } else if (!attrs.isRegularFile()) {
                        found.problems.add(new Skipped(file, "not a regular file; skipped"));
                    } else if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
                        found.notJson.add(file);
                    } else if (!seen.add(real(file))) {
                        found.duplicates.add(new Skipped(file, "the same file as one already read, reached through a link"));
                    } else {
                        all.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    found.problems.add(new Skipped(file, why(file, e)));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    if (e != null) {
                        found.problems.add(new Skipped(dir, "folder could not be read to the end (" + e.getMessage()
                                + "); files after the failure were skipped"));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list inventory folder " + root + ": " + e.getMessage(), e);
        }
        all.sort(null);
        found.json.addAll(all);
        return found;
    }

    private void countLink(Path p) {
        if (Files.isSymbolicLink(p)) {
            links++;
        }
    }

    private static Path real(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    private static String why(Path file, IOException e) {
        if (e instanceof FileSystemLoopException) {
            return "symbolic link loop: it leads back to a folder that contains it; not followed";
        }
        if (e instanceof NoSuchFileException && Files.isSymbolicLink(file)) {
            return "symbolic link to something that does not exist; skipped";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied; skipped";
        }
        return "cannot read (" + e.getMessage() + "); skipped";
    }

    /** The JSON files to read, in sorted order. */
    public List<Path> json() {
        return List.copyOf(json);
    }

    /** What could not be followed or read, each a problem to report with its path. */
    public List<Skipped> problems() {
        return List.copyOf(problems);
    }

    /**
     * One line saying what was read and what was left out and why, e.g. {@code read 31 .json files in 9 folders (2
     * reached through symbolic links); skipped 3 files that are not .json (README.md, ...)}.
     */
    public String summary() {
        StringBuilder s = new StringBuilder("read " + json.size() + " .json file" + (json.size() == 1 ? "" : "s"));
        if (folders > 0) {
            s.append(" in ").append(folders).append(" folder").append(folders == 1 ? "" : "s");
        }
        if (links > 0) {
            s.append(" (").append(links).append(links == 1 ? " entry" : " entries").append(" reached through symbolic links)");
        }
        List<String> skipped = new ArrayList<>();
        if (!notJson.isEmpty()) {
            skipped.add(notJson.size() + " file" + (notJson.size() == 1 ? "" : "s") + " not named *.json ("
                    + names(notJson) + ")");
        }
        if (!duplicates.isEmpty()) {
            skipped.add(duplicates.size() + " file" + (duplicates.size() == 1 ? "" : "s") + " already read through another link");
        }
        if (!problems.isEmpty()) {
            skipped.add(problems.size() + " that could not be read or followed (listed as problems)");
        }
        if (!skipped.isEmpty()) {
            s.append("; skipped ").append(String.join(", ", skipped));
        }
        return s.toString();
    }

    private static String names(List<Path> files) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < Math.min(NAMED, files.size()); i++) {
            names.add(files.get(i).getFileName().toString());
        }
        return String.join(", ", names) + (files.size() > NAMED ? ", ..." : "");
    }
}
