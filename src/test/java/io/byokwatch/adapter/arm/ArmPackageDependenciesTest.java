package io.byokwatch.adapter.arm;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live adapter reaches into the snapshot package only for the shared mapper, never for file handling. */
class ArmPackageDependenciesTest {
    private static final Path SOURCES = Path.of("src/main/java/io/byokwatch/adapter/arm");

    @Test
    void importsOnlyTheJdkAzureSdkGsonDomainPortAndTheMapper() throws IOException {
        List<String> foreign;
        try (Stream<Path> files = Files.list(SOURCES)) {
            foreign = files.filter(p -> p.toString().endsWith(".java")).flatMap(ArmPackageDependenciesTest::lines)
                    .filter(line -> line.startsWith("import "))
                    .filter(line -> !line.matches("import (static )?(java\\.|com\\.azure\\.|reactor\\.core\\.publisher\\.Mono;"
                            + "|com\\.google\\.gson\\.|io\\.byokwatch\\.(domain|port)\\.|io\\.byokwatch\\.adapter\\.snapshot\\."
                            + "(ArmMapper|SnapshotFormatException);).*"))
                    .toList();
        }
        assertEquals(List.of(), foreign);
    }

    @Test
    void sourcesAreWhereThisTestLooks() throws IOException {
        try (Stream<Path> files = Files.list(SOURCES)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().equals("LiveInventory.java")));
        }
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::trim);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
