package io.byokwatch.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Golden files under {@code src/test/resources/render/} (and {@code notify/} for notifications). Compares by default;
 * run with {@code -Dbyokwatch.updateGoldens=true} to rewrite them after an intended change, then review the diff.
 */
public final class Goldens {
    static final String UPDATE_PROPERTY = "byokwatch.updateGoldens";
    private static final Path RESOURCES = Path.of(System.getProperty("basedir", "."), "src", "test", "resources");
    private static final Path DIR = RESOURCES.resolve("render");

    private Goldens() {
    }

    public static void assertMatches(String name, String actual) {
        assertMatches(DIR, name, actual);
    }

    /** A golden in {@code src/test/resources/<folder>/}. */
    public static void assertMatchesIn(String folder, String name, String actual) {
        assertMatches(RESOURCES.resolve(folder), name, actual);
    }

    private static void assertMatches(Path dir, String name, String actual) {
        Path file = dir.resolve(name);
        try {
            if (Boolean.getBoolean(UPDATE_PROPERTY)) {
                Files.createDirectories(dir);
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(file)) {
                fail("golden file " + file + " is missing; create it with -D" + UPDATE_PROPERTY + "=true");
            }
            assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual,
                    "output differs from " + file + "; if the change is intended, rerun with -D" + UPDATE_PROPERTY
                            + "=true and review the diff");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
