package io.byokwatch.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code scan} over the KMS estate (src/test/resources/kms/estate, one cluster per case of the KMS issue, in the ARM
 * shapes of the AKS docs and the REST specs): what the KMS chain of each cluster comes to. Disk findings are left aside
 * (none of these clusters has a disk encryption set).
 */
class ScanKmsTest {
    private static final Map<String, JsonObject> CLUSTERS = new LinkedHashMap<>();

    @BeforeAll
    static void scan() {
        MainTest.Result r = MainTest.run("scan", "--inventory", "src/test/resources/kms/estate", "--now",
                "2026-12-01T00:00:00Z", "--format", "json");
        assertEquals(1, r.code(), r.err());
        for (JsonElement c : JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonArray("clusters")) {
            CLUSTERS.put(c.getAsJsonObject().get("name").getAsString(), c.getAsJsonObject());
        }
    }

    /** The findings other than the disk ones every cluster here has, as "rule: message". */
    private static List<String> kmsFindings(String cluster) {
        List<String> out = new ArrayList<>();
        for (JsonElement f : CLUSTERS.get(cluster).getAsJsonArray("findings")) {
            JsonObject o = f.getAsJsonObject();
            if (!o.get("ruleId").getAsString().equals("aks-no-byok")) {
                out.add(o.get("ruleId").getAsString() + ": " + o.get("message").getAsString());
            }
        }
        return out;
    }

    private static String only(String cluster, String rule) {
        List<String> found = kmsFindings(cluster);
        assertEquals(1, found.size(), cluster + ": " + found);
        assertTrue(found.get(0).startsWith(rule + ": "), found.get(0));
        return found.get(0);
    }

    private static JsonArray notEvaluated(String cluster) {
        return CLUSTERS.get(cluster).getAsJsonArray("notEvaluated");
    }

    @Test
    void legacyKmsWithAGrantedUserAssignedIdentity_onAnOpenVault_holds() {
        assertEquals(List.of(), kmsFindings("aks-kms-ok"));
        assertEquals(0, notEvaluated("aks-kms-ok").size(), notEvaluated("aks-kms-ok").toString());
    }

    @Test
    void aVersionlessCustomerKey_passes_withoutAskingForAVersion() {
        assertEquals(List.of(), kmsFindings("aks-kms-versionless"));
        assertEquals(0, notEvaluated("aks-kms-versionless").size(), notEvaluated("aks-kms-versionless").toString());
    }

    @Test
    void platformManagedKms_failsACustomerKeyPolicy_namedAsSuch() {
        String f = only("aks-kms-platform", "aks-no-kms-etcd");
        assertTrue(f.contains("platform-managed KMS") && !f.contains("is off"), f);
    }

    @Test
    void aDisabledKmsKey_isCritical() {
        String f = only("aks-kms-disabled", "des-key-unavailable");
        assertTrue(f.contains("etcd-disabled") && f.contains("is disabled") && f.contains("secrets"), f);
        assertEquals("critical", CLUSTERS.get("aks-kms-disabled").getAsJsonArray("findings").asList().stream()
                .map(JsonElement::getAsJsonObject).filter(o -> o.get("ruleId").getAsString().equals("des-key-unavailable"))
                .findFirst().orElseThrow().get("severity").getAsString());
    }

    @Test
    void legacyKmsOnASystemAssignedIdentity_fails() {
        String f = only("aks-kms-sysid", "kms-identity-not-user-assigned");
        assertTrue(f.contains("SystemAssigned"), f);
    }

    @Test
    void anIdentityWithoutEncryptAndDecrypt_fails() {
        String f = only("aks-kms-noaccess", "des-no-key-access");
        assertTrue(f.contains("KMS of cluster aks-kms-noaccess") && f.contains("encrypt and decrypt"), f);
    }

    @Test
    void kmsFindingsOfTheSharedKeyRules_areTitledForKms_notForADiskEncryptionSet() {
        assertEquals("KMS key is unusable", title("aks-kms-disabled", "des-key-unavailable"));
        assertEquals("KMS identity cannot use its key", title("aks-kms-noaccess", "des-no-key-access"));
    }

    private static String title(String cluster, String rule) {
        return CLUSTERS.get(cluster).getAsJsonArray("findings").asList().stream().map(JsonElement::getAsJsonObject)
                .filter(o -> o.get("ruleId").getAsString().equals(rule)).findFirst().orElseThrow().get("title").getAsString();
    }

    @Test
    void aPrivateVaultWithoutAnApprovedEndpointConnection_fails() {
        String f = only("aks-kms-private", "kms-vault-unreachable");
        assertTrue(f.contains("no approved private endpoint connection"), f);
    }

    @Test
    void publicKmsBehindAVaultFirewall_fails() {
        String f = only("aks-kms-firewall", "kms-vault-unreachable");
        assertTrue(f.contains("defaultAction Deny"), f);
    }
}
