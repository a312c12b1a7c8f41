package io.byokwatch.adapter.plan;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The plan adapter reads files with gson and maps ARM bodies through the snapshot adapter's one mapper; it needs no
 * Azure library, so plan gating runs wherever the CLI does.
 */
class PlanPackageDependenciesTest {
    @Test
    void importsOnlyTheJdkGsonDomainPortAndTheSnapshotMapper() throws IOException {
        List<String> foreign;
        try (Stream<Path> files = Files.list(Path.of("src/main/java/io/byokwatch/adapter/plan"))) {
            foreign = files.filter(p -> p.toString().endsWith(".java")).flatMap(PlanPackageDependenciesTest::lines)
                    .filter(line -> line.startsWith("import "))
                    .filter(line -> !line.matches("import (static )?(java\\.|com\\.google\\.gson\\.|io\\.byokwatch\\.(domain|port|adapter\\.plan)\\.|"
                            + "io\\.byokwatch\\.adapter\\.snapshot\\.(ArmMapper|ResourceKind|SnapshotFormatException);).*"))
                    .toList();
        }
        assertEquals(List.of(), foreign);
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::trim);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
