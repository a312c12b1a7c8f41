package io.byokwatch.policy;

import io.byokwatch.rules.RuleCatalog;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What in a valid policy weakens the verdicts, and the one policy that is refused: every rule disabled. */
class PolicyWarningsTest {
    private static final LocalDate TODAY = LocalDate.parse("2026-12-01");
    private static final String CLUSTER = "/subscriptions/6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks";

    private static Policy parse(String json) {
        return new PolicyLoader(RuleCatalog.standard().ids()).parse(json, "policy.json");
    }

    private static String exemption(String id, String expires) {
        return "{\"resourceId\": \"" + id + "\", \"reason\": \"r\", \"expires\": \"" + expires + "\", \"approvedBy\": \"a\"}";
    }

    @Test
    void aNarrowShortExemption_andNoDisabledRule_warnOfNothing() {
        assertEquals(List.of(), PolicyWarnings.of(parse("{\"exemptions\": [" + exemption(CLUSTER, "2027-03-31") + "]}"), TODAY));
    }

    @Test
    void disabledRules_broadScopes_andFarExpiries_eachWarn() {
        Policy p = parse("{\"disabledRules\": [\"aks-no-kms-etcd\"], \"exemptions\": ["
                + exemption("/subscriptions", "2027-01-01") + ", "
                + exemption("/subscriptions/6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01", "2027-01-01") + ", "
                + exemption("/providers/Microsoft.Management/managementGroups/root", "2027-01-01") + ", "
                + exemption(CLUSTER, "9999-12-31") + "]}");
        List<String> w = PolicyWarnings.of(p, TODAY);
        assertEquals(5, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("rule aks-no-kms-etcd is disabled"), w.get(0));
        assertTrue(w.get(1).contains("every subscription under /subscriptions"), w.get(1));
        assertTrue(w.get(2).contains("a whole subscription"), w.get(2));
        assertTrue(w.get(3).contains("managementGroups/root"), w.get(3));
        assertTrue(w.get(4).contains("expires 9999-12-31, more than a year away: effectively permanent"), w.get(4));
    }

    @Test
    void aPolicyThatDisablesEveryRule_isRefused_unlessAllowed() {
        String all = "{\"disabledRules\": [\"" + String.join("\", \"", RuleCatalog.standard().ids()) + "\"]}";
        PolicyException e = assertThrows(PolicyException.class, () -> parse(all));
        assertTrue(e.getMessage().contains("disables every rule") && e.getMessage().contains("--allow-empty-policy"), e.getMessage());
        Policy allowed = new PolicyLoader(RuleCatalog.standard().ids()).allowingEmpty().parse(all, "policy.json");
        assertEquals(RuleCatalog.standard().ids().size(), PolicyWarnings.of(allowed, TODAY).size());
    }
}
