package io.byokwatch.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.testsupport.TreeCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code replay} with a persistent state over the KMS estate: a cluster moved from a customer key to platform-managed
 * keys keeps "encryption: Enabled", and still alerts as a change, naming the customer key it left.
 */
class ReplayKmsTest {
    private static final String EVENT = "src/test/resources/kms/events/kms-versionless-cluster-write.json";

    private static List<JsonObject> alerts(ScanCommandTest.Result r) {
        return r.out().lines().filter(l -> !l.isBlank()).map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
    }

    private static ScanCommandTest.Result replay(Path estate, Path policy, String state) {
        return ScanCommandTest.run("replay", "--inventory", estate.toString(), "--events", EVENT, "--state", state,
                "--policy", policy.toString(), "--now", "2026-12-01T00:00:00Z", "--notify", "json");
    }

    @Test
    void customerKeyToPlatformManagedKeys_alertsAsAChange(@TempDir Path tmp) throws IOException {
        Path estate = TreeCopy.copy(Path.of("src/test/resources/kms/estate"), tmp.resolve("estate"));
        Path policy = Files.writeString(tmp.resolve("policy.json"),
                "{\"disabledRules\": [\"aks-no-byok\", \"aks-no-host-encryption\"]}");
        String state = tmp.resolve("state").toString();
        ScanCommandTest.Result first = replay(estate, policy, state);
        assertEquals(0, first.code(), first.err());
        assertEquals(List.of(), alerts(first), "a versionless customer key is compliant: nothing to say");

        Path clusters = estate.resolve("managed-clusters.json");
        String text = Files.readString(clusters);
        String cmk = "\"azureKeyVaultKms\": {\n            \"enabled\": true,\n            \"keyId\":"
                + " \"https://kv-kms-open.vault.azure.net/keys/etcd-auto\",\n            \"keyVaultNetworkAccess\": \"Public\"\n"
                + "          },\n          ";
        assertTrue(text.contains(cmk), "fixture moved");
        Files.writeString(clusters, text.replace(cmk, ""));

        ScanCommandTest.Result second = replay(estate, policy, state);
        List<JsonObject> alerts = alerts(second);
        assertEquals(1, alerts.size(), second.out() + second.err());
        JsonObject alert = alerts.get(0);
        assertEquals("opened", alert.get("kind").getAsString());
        assertEquals("aks-kms-versionless", alert.getAsJsonObject("cluster").get("name").getAsString());
        JsonObject finding = alert.getAsJsonArray("findings").asList().stream().map(JsonElement::getAsJsonObject)
                .filter(f -> f.get("ruleId").getAsString().equals("aks-no-kms-etcd")).findFirst().orElseThrow();
        String message = finding.get("message").getAsString();
        assertTrue(message.contains("platform-managed KMS") && message.contains("used customer key kv-kms-open/etcd-auto"),
                message);
    }
}
