package io.byokwatch.bootstrap;

import io.byokwatch.policy.PolicyException;
import io.byokwatch.testsupport.Reliability;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * App settings as an operator can get them wrong. Each must stop start-up with a {@link SettingsException} (or, for a
 * bad policy file, a {@link PolicyException}) that names the setting, and never repeat a storage account key.
 */
@Tag("reliability")
class HostileSettingsTest {
    private static final String ACCOUNT_KEY = "c2VjcmV0LWFjY291bnQta2V5LW5ldmVyLXByaW50LW1l";
    private static final String CONNECTION = "DefaultEndpointsProtocol=https;AccountName=byokw;AccountKey=" + ACCOUNT_KEY
            + ";EndpointSuffix=core.windows.net";

    @TempDir
    Path temp;

    @Test
    void everyHostileSetting_stopsStartUpWithItsName_andNoSecret() {
        List<Map<String, String>> cases = new ArrayList<>();
        cases.add(Map.of("BYOKWATCH_INVENTORY", "ftp"));
        cases.add(Map.of("BYOKWATCH_INVENTORY", "files"));
        cases.add(Map.of("BYOKWATCH_INVENTORY", "live"));
        cases.add(Map.of("BYOKWATCH_INVENTORY", "live", "BYOKWATCH_SUBSCRIPTIONS", "'; DROP TABLE verdicts; --", "AzureWebJobsStorage", CONNECTION));
        cases.add(Map.of("BYOKWATCH_INVENTORY", "live", "BYOKWATCH_SUBSCRIPTIONS", "6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01",
                "BYOKWATCH_ARM_ENDPOINT", "http://127.0.0.1:9/", "AzureWebJobsStorage", CONNECTION));
        cases.add(Map.of("BYOKWATCH_INVENTORY", "live", "BYOKWATCH_SUBSCRIPTIONS", "6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01",
                "BYOKWATCH_ARM_ENDPOINT", "https://evil.example/path?x", "AzureWebJobsStorage", CONNECTION));
        cases.add(Map.of("BYOKWATCH_CLOUD", "Mars", "BYOKWATCH_INVENTORY", "files", "BYOKWATCH_INVENTORY_PATH", "examples/estate",
                "BYOKWATCH_STATE", "files"));
        cases.add(Map.of("BYOKWATCH_INVENTORY", "files", "BYOKWATCH_INVENTORY_PATH", "examples/estate", "BYOKWATCH_STATE", "azure"));
        cases.add(Map.of("BYOKWATCH_INVENTORY", "files", "BYOKWATCH_INVENTORY_PATH", "examples/estate", "BYOKWATCH_STATE", "redis",
                "AzureWebJobsStorage", CONNECTION));
        cases.add(Map.of("BYOKWATCH_INVENTORY", "files", "BYOKWATCH_INVENTORY_PATH", "examples/estate", "BYOKWATCH_STATE", "azure",
                "AzureWebJobsStorage", CONNECTION, "BYOKWATCH_VERDICT_TABLE", "bad-table!", "BYOKWATCH_OUTBOX_QUEUE", "UPPER"));
        for (String bad : List.of("-1", "1e3", "ten", "99999999999999999999", "3601")) {
            cases.add(Map.of("BYOKWATCH_INVENTORY", "files", "BYOKWATCH_INVENTORY_PATH", "examples/estate", "BYOKWATCH_STATE", "files",
                    "BYOKWATCH_STATE_DIR", temp.toString(), "BYOKWATCH_CACHE_TTL_SECONDS", bad, "BYOKWATCH_READ_BUDGET_PER_MINUTE", bad));
        }
        cases.add(Map.of("BYOKWATCH_INVENTORY", "files", "BYOKWATCH_INVENTORY_PATH", "examples/estate", "BYOKWATCH_STATE", "files",
                "BYOKWATCH_STATE_DIR", temp.toString(), "BYOKWATCH_POLICY_FILE", "src/test/resources/hostile/policy/duplicate-key.json"));
        cases.add(Map.of("BYOKWATCH_INVENTORY", "files", "BYOKWATCH_INVENTORY_PATH", "examples/estate", "BYOKWATCH_STATE", "files",
                "BYOKWATCH_STATE_DIR", temp.toString(), "BYOKWATCH_POLICY_FILE", "/no/such/policy.json"));
        cases.add(Map.of("BYOKWATCH_INVENTORY", "files", "BYOKWATCH_INVENTORY_PATH", "examples/estate", "BYOKWATCH_STATE", "azure",
                "AzureWebJobsStorage", "AccountKey=" + ACCOUNT_KEY + ";garbage;;==="));
        Reliability.Tally tally = new Reliability.Tally();
        List<String> wrong = new ArrayList<>();
        for (Map<String, String> env : cases) {
            try {
                Runtime.build(new HashMap<>(env), Clock.systemUTC());
                wrong.add("accepted " + env);
            } catch (SettingsException | PolicyException e) {
                tally.add(e.getClass().getSimpleName() + " naming the problem");
                check(env, e, wrong);
            } catch (IllegalArgumentException e) {
                // the storage SDK's verdict on a connection string, re-worded without the key by ConnectionStrings
                tally.add("refused connection string, key withheld");
                check(env, e, wrong);
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        Reliability.record("Hostile input: settings", "App settings: unknown modes, missing pairs, bad names, numbers, URLs, policy files, connection strings",
                tally.total(), tally + "; 0 other exceptions, 0 secrets echoed", "n/a");
    }

    private static void check(Map<String, String> env, RuntimeException e, List<String> wrong) {
        String m = String.valueOf(e.getMessage());
        if (m.contains(ACCOUNT_KEY)) {
            wrong.add("echoed the account key: " + m);
        }
        if (m.isBlank() || m.contains("\tat ")) {
            wrong.add("no usable message for " + env + ": " + m);
        }
    }
}
