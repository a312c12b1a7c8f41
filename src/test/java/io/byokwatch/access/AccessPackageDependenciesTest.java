package io.byokwatch.access;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The detectors are pure: the JDK and the domain records, nothing else (no gson, no Azure SDK, no ports). */
class AccessPackageDependenciesTest {
    private static final Path SOURCES = Path.of("src/main/java/io/byokwatch/access");

    @Test
    void importsOnlyTheJdkAndTheDomain() throws IOException {
        List<String> foreign;
        try (Stream<Path> files = Files.list(SOURCES)) {
            foreign = files.filter(p -> p.toString().endsWith(".java")).flatMap(AccessPackageDependenciesTest::lines)
                    .filter(line -> line.startsWith("import "))
                    .filter(line -> !line.matches("import (static )?(java\\.|io\\.byokwatch\\.(domain|access)\\.).*"))
                    .toList();
        }
        assertEquals(List.of(), foreign);
    }

    @Test
    void sourcesAreWhereThisTestLooks() throws IOException {
        try (Stream<Path> files = Files.list(SOURCES)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().equals("UnexpectedCallerDetector.java")));
        }
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::trim);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
