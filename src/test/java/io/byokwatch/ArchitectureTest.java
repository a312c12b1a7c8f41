package io.byokwatch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The engine must run anywhere, so the pure packages may import only the JDK, gson where allowed, and each other
 * as ARCHITECTURE lays out; no Azure SDK, no Functions library. Checked on the sources, so a forbidden import fails
 * the build even if it is unused.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/io/byokwatch");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void purePackages_importNoAzureSdkNorFunctionsLibrary() throws IOException {
        List<String> violations = new ArrayList<>();
        for (String pkg : List.of("domain", "rules", "policy", "impact", "access", "app", "port", "notify", "config", "kpi")) {
            for (Path file : javaFiles(MAIN.resolve(pkg))) {
                for (String imp : imports(file)) {
                    if (imp.startsWith("com.azure") || imp.startsWith("com.microsoft")) {
                        violations.add(MAIN.relativize(file) + " imports " + imp);
                    }
                }
            }
        }
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }

    @Test
    void domain_importsOnlyTheJdk() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles(MAIN.resolve("domain"))) {
            for (String imp : imports(file)) {
                if (!imp.startsWith("java.") && !imp.startsWith("io.byokwatch.domain")) {
                    violations.add(MAIN.relativize(file) + " imports " + imp);
                }
            }
        }
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }

    @Test
    void rulesAndPolicy_doNotReachIntoAdaptersOrEntryPoints() throws IOException {
        List<String> violations = new ArrayList<>();
        for (String pkg : List.of("rules", "policy", "impact", "domain", "port", "notify", "config")) {
            for (Path file : javaFiles(MAIN.resolve(pkg))) {
                for (String imp : imports(file)) {
                    if (imp.matches("io\\.byokwatch\\.(adapter|cli|functions|bootstrap|app|render)\\..*")) {
                        violations.add(MAIN.relativize(file) + " imports " + imp);
                    }
                }
            }
        }
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }

    @Test
    void kpi_importsOnlyTheJdkAndTheDomain() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles(MAIN.resolve("kpi"))) {
            for (String imp : imports(file)) {
                if (!imp.startsWith("java.") && !imp.startsWith("io.byokwatch.domain") && !imp.startsWith("io.byokwatch.kpi")) {
                    violations.add(MAIN.relativize(file) + " imports " + imp);
                }
            }
        }
        assertFalse(javaFiles(MAIN.resolve("kpi")).isEmpty());
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }

    @Test
    void theScanFindsImports_soTheChecksAboveCanFail() throws IOException {
        assertTrue(imports(MAIN.resolve("policy/PolicyLoader.java")).contains("com.google.gson.JsonObject"));
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static List<String> imports(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        Matcher m = IMPORT.matcher(Files.readString(file));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
