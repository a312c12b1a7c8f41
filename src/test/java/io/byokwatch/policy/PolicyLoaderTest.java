package io.byokwatch.policy;

import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Severity;
import io.byokwatch.domain.Tags;
import io.byokwatch.rules.Fixtures;
import io.byokwatch.rules.RuleCatalog;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class PolicyLoaderTest {
    private final PolicyLoader loader = new PolicyLoader(RuleCatalog.standard().ids());

    @Test
    void issueExample_loadsEveryField() {
        Policy p = loader.parse("""
                {"byokRequired": {"default": true,
                   "tagRules": [{"tag": "data-classification", "values": ["public", "internal"], "required": false}]},
                 "exemptions": [{"resourceId": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/x",
                   "rules": ["aks-no-byok"], "reason": "migration planned", "expires": "2027-03-31", "approvedBy": "sec-team"}],
                 "keyExpiryWarningDays": 45, "requireHsm": true,
                 "disabledRules": ["aks-no-kms-etcd"], "severity": {"aks-no-host-encryption": "medium"}}""", "p.json");
        assertTrue(p.byokRequiredByDefault());
        assertEquals(45, p.keyExpiryWarningDays());
        assertTrue(p.requireHsm());
        assertEquals(LocalDate.of(2027, 3, 31), p.exemptions().get(0).expires());
        assertEquals(Severity.MEDIUM, p.severityOverrides().get("aks-no-host-encryption"));
        assertTrue(p.disabledRules().contains("aks-no-kms-etcd"));
    }

    @Test
    void tagRules_matchNameAndValueIgnoringCase() {
        Policy p = loader.parse("""
                {"byokRequired": {"default": true, "tagRules": [{"tag": "Data-Classification", "values": ["PUBLIC"], "required": false}]}}""", "p");
        ManagedCluster c = Fixtures.cluster();
        ManagedCluster tagged = new ManagedCluster(c.id(), c.name(), c.location(), new Tags(Map.of("data-classification", "Public")),
                c.diskEncryptionSetId(), c.kms(), c.agentPools(), null);
        assertFalse(p.requiresByok(tagged));
        assertTrue(p.requiresByok(c));
    }

    @Test
    void everyProblem_isReportedWithItsPath() {
        PolicyException e = assertThrows(PolicyException.class, () -> loader.parse("""
                {"byokRequird": true, "keyExpiryWarningDays": "thirty",
                 "exemptions": [{"resourceId": "not-an-id", "rules": ["aks-no-byk"], "reason": "x", "expires": "31/03/2027"}],
                 "severity": {"aks-no-host-encryption": "urgent"}}""", "policy.json"));
        String m = e.getMessage();
        assertTrue(m.startsWith("policy.json has 6 problems"), m);
        assertTrue(m.contains("byokRequird: unknown setting"), m);
        assertTrue(m.contains("keyExpiryWarningDays: expected a whole number"), m);
        assertTrue(m.contains("exemptions[0].resourceId: 'not-an-id' is not an ARM id"), m);
        assertTrue(m.contains("exemptions[0].rules: unknown rule id 'aks-no-byk'"), m);
        assertTrue(m.contains("exemptions[0].expires: '31/03/2027' is not a date; use YYYY-MM-DD"), m);
        assertTrue(m.contains("severity.aks-no-host-encryption: 'urgent' is not a severity"), m);
    }

    @Test
    void malformedJson_namesLineAndColumn() {
        PolicyException e = assertThrows(PolicyException.class, () -> loader.parse("{\n \"requireHsm\": tru e\n}", "p.json"));
        assertTrue(e.getMessage().contains("p.json: not valid JSON"), e.getMessage());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void exemptionPrefix_coversEverythingUnderIt() {
        Policy p = loader.parse("""
                {"exemptions": [{"resourceId": "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/RG-KEYS",
                  "reason": "vault migration", "expires": "2027-01-31"}]}""", "p");
        ResourceId vault = Fixtures.VAULT_ID;
        assertEquals(1, p.exemptionsFor("vault-no-purge-protection", vault, Fixtures.CLUSTER_ID).size());
        assertEquals(0, p.exemptionsFor("aks-no-byok", Fixtures.CLUSTER_ID, Fixtures.CLUSTER_ID).size());
        assertTrue(p.exemptions().get(0).expiredOn(LocalDate.of(2027, 2, 1)));
        assertFalse(p.exemptions().get(0).expiredOn(LocalDate.of(2027, 1, 31)));
    }
}
