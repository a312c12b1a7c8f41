package io.byokwatch.e2e;

import io.byokwatch.adapter.loganalytics.LocalLogAnalytics;
import io.byokwatch.app.doctor.DoctorCheck;
import io.byokwatch.app.doctor.DoctorReport;
import io.byokwatch.bootstrap.DoctorWiring;
import io.byokwatch.testsupport.Deployment;
import io.byokwatch.testsupport.DoctorOnFakes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every {@code az} command doctor prints as a fix runs in a POSIX shell and gets past az's own argument parser and
 * validators (the Debian azure-cli the build installs); with no login here, az stops at "Please run 'az login'",
 * which is exactly the point a parsed command reaches. One command of each shape is run, to keep the build quick.
 */
class DoctorFixCommandsTest {
    private static final Path AZ = Path.of("/usr/bin/az");
    private static DoctorOnFakes fakes;

    @BeforeAll
    static void start() {
        fakes = DoctorOnFakes.start();
    }

    @AfterAll
    static void stop() {
        fakes.close();
    }

    /** A deployment with every kind of fault that has a command for its fix. */
    private List<DoctorCheck> brokenChecks(boolean clientIdKnown) {
        Map<String, String> env = fakes.reset();
        if (!clientIdKnown) {
            env.remove("AZURE_CLIENT_ID");
        }
        env.put("BYOKWATCH_SUBSCRIPTIONS", Deployment.WATCHED + ",11111111-1111-1111-1111-111111111111");
        fakes.arm.forbidBelow("/subscriptions/11111111-1111-1111-1111-111111111111");
        fakes.arm.put(Deployment.function("ResourceChanged", true));
        io.byokwatch.domain.ResourceId other = io.byokwatch.domain.ResourceId.parse(Deployment.WORKSPACE + "-other");
        fakes.arm.put(Deployment.workspace(other, "99999999-8888-4777-8666-555555555555"));
        fakes.arm.put(Deployment.diagnosticSetting(Deployment.VAULT, "byokwatch-audit", other.toString(), "AuditEvent", null));
        fakes.answer = r -> new LocalLogAnalytics.Response(403, Map.of(), "{\"error\":{\"code\":\"InsufficientAccessError\",\"message\":\"no\"}}");
        List<DoctorCheck> out = new ArrayList<>(run(env, DoctorWiring.Choices.NONE).checks());
        fakes.arm.managementGroup("mg-estate", Deployment.WATCHED, "33333333-3333-3333-3333-333333333333");
        out.addAll(run(env, new DoctorWiring.Choices(List.of(), "mg-estate", null, null, null)).checks());
        out.addAll(run(env, new DoctorWiring.Choices(List.of(), "mg-unseen", null, null, null)).checks());
        return out;
    }

    private DoctorReport run(Map<String, String> env, DoctorWiring.Choices choices) {
        DoctorWiring.Wired w = fakes.wire(env, choices);
        return w.doctor().run(w.config());
    }

    @Test
    void everyPrintedAzCommand_parses() throws Exception {
        assertTrue(Files.isExecutable(AZ), "azure-cli is missing; scripts/ensure-test-tools installs it");
        Map<String, String> shapes = new LinkedHashMap<>();
        for (boolean known : List.of(true, false)) {
            for (DoctorCheck c : brokenChecks(known)) {
                if (c.fix() == null) {
                    continue;
                }
                for (String line : c.fix().split("\n")) {
                    if (line.startsWith("az ") || line.contains("=$(az ")) {
                        String[] words = line.split(" ");
                        String shape = String.join(" ", java.util.Arrays.copyOf(words, Math.min(words.length, 5)))
                                + (line.contains("\"$") ? " var" : "");
                        shapes.putIfAbsent(shape, line);
                    }
                }
            }
        }
        assertTrue(shapes.size() >= 6, "commands of every kind were produced: " + shapes.keySet());
        Path config = Files.createTempDirectory("az-config-");
        // az takes seconds to start; three at a time keeps the build's share of two cores fair
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        List<java.util.concurrent.Future<String>> verdicts = new ArrayList<>();
        for (String command : shapes.values()) {
            verdicts.add(pool.submit(() -> parse(command, config)));
        }
        pool.shutdown();
        for (java.util.concurrent.Future<String> v : verdicts) {
            String problem = v.get(180, TimeUnit.SECONDS);
            assertNull(problem, problem);
        }
        deleteTree(config);
    }

    /** Null when az got as far as asking for a login, else the command and what az said. */
    private static String parse(String command, Path config) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true);
        // an empty configuration folder: never the machine's own login, so nothing can reach a real tenant
        pb.environment().put("AZURE_CONFIG_DIR", config.toString());
        pb.environment().put("AZURE_CORE_COLLECT_TELEMETRY", "false");
        // what the preceding line of a fix sets from the deployment's output
        pb.environment().put("BYOKWATCH_PRINCIPAL_ID", "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9");
        pb.environment().put("BYOKWATCH_WORKSPACE_ID", Deployment.WORKSPACE.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "az did not finish: " + command;
        }
        return output.contains("Please run 'az login'") ? null : "az did not accept: " + command + "\n" + output;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
