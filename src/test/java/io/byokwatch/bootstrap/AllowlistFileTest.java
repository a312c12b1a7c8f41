package io.byokwatch.bootstrap;

import io.byokwatch.access.Allowlist;
import io.byokwatch.access.AllowlistEntry;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class AllowlistFileTest {
    @Test
    void aValidFile_givesItsEntries() {
        Allowlist a = AllowlistFile.parse("""
                {"description": "known-good Key Vault callers",
                 "allow": [{"principal": "backup@contoso.example", "detectors": ["unexpected-caller", "new-source"],
                            "vault": "KV-PAY-PROD", "key": "aks-disk", "reason": "nightly backup verification",
                            "expires": "2027-03-31", "approvedBy": "sec-team"},
                           {"principal": "0f4a3b2c-1d5e-4f60-8a9b-7c6d5e4f3a21", "reason": "terraform", "expires": "2027-01-01"}]}
                """, "allow.json");
        assertEquals(2, a.entries().size());
        AllowlistEntry e = a.entries().get(0);
        assertEquals(Set.of("unexpected-caller", "new-source"), e.detectors());
        assertEquals("kv-pay-prod", e.vault());
        assertEquals(LocalDate.parse("2027-03-31"), e.expires());
        assertEquals(Set.of(), a.entries().get(1).detectors(), "no detectors named means all of them");
    }

    @Test
    void everyProblem_namesItsJsonPath() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AllowlistFile.parse("""
                {"allow": [{"principal": "x", "detectors": ["unexpected-callers"], "reason": "r", "expires": "next week"},
                           {"principal": "y", "until": "2027-01-01"}], "extra": 1}
                """, "allow.json"));
        String m = e.getMessage();
        assertTrue(m.startsWith("allow.json has 6 problems"), m);
        assertTrue(m.contains("allow[0].detectors: 'unexpected-callers' is not a detector"), m);
        assertTrue(m.contains("allow[0].expires: 'next week' is not a date"), m);
        assertTrue(m.contains("allow[1].until: unknown field"), m);
        assertTrue(m.contains("allow[1].reason: missing"), m);
        assertTrue(m.contains("allow[1].expires: missing"), m);
        assertTrue(m.contains("extra: unknown setting"), m);
    }

    @Test
    void somethingThatIsNoAllowlist_saysWhatOneLooksLike() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AllowlistFile.parse("[1,2]", "a.json")).getMessage()
                .contains("\"allow\""));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AllowlistFile.parse("{", "a.json")).getMessage()
                .contains("not valid JSON"));
    }
}
