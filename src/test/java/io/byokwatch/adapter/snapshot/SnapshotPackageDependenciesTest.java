package io.byokwatch.adapter.snapshot;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The snapshot adapter reads files with gson alone, so the CLI and tests run it without Azure libraries. */
class SnapshotPackageDependenciesTest {
    private static final Path SOURCES = Path.of("src/main/java/io/byokwatch/adapter/snapshot");

    @Test
    void importsOnlyTheJdkGsonDomainAndPort() throws IOException {
        List<String> foreign;
        try (Stream<Path> files = Files.list(SOURCES)) {
            foreign = files.filter(p -> p.toString().endsWith(".java")).flatMap(SnapshotPackageDependenciesTest::lines)
                    .filter(line -> line.startsWith("import "))
                    .filter(line -> !line.matches("import (static )?(java\\.|com\\.google\\.gson\\.|io\\.byokwatch\\.(domain|port|adapter\\.snapshot)\\.).*"))
                    .toList();
        }
        assertEquals(List.of(), foreign);
    }

    @Test
    void sourcesAreWhereThisTestLooks() throws IOException {
        try (Stream<Path> files = Files.list(SOURCES)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().equals("ArmMapper.java")));
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
