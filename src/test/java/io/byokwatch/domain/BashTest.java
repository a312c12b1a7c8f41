package io.byokwatch.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BashTest {
    @Test
    void namesAndIdsStayAsPeopleWriteThem() {
        assertEquals("/subscriptions/0000/resourceGroups/rg-app/providers/Microsoft.Compute/disks/pvc-1",
                Bash.q("/subscriptions/0000/resourceGroups/rg-app/providers/Microsoft.Compute/disks/pvc-1"));
        assertEquals("kv-pay@x:443,a=b%2B", Bash.q("kv-pay@x:443,a=b%2B"));
    }

    @Test
    void syntaxSpacesOptionsAndEmptyValuesAreSingleQuoted() {
        assertEquals("'rg-app(prod)'", Bash.q("rg-app(prod)"));
        assertEquals("'$(rm -rf ~)'", Bash.q("$(rm -rf ~)"));
        assertEquals("'it'\\''s'", Bash.q("it's"));
        assertEquals("'--yes'", Bash.q("--yes"));
        assertEquals("''", Bash.q(""));
        assertEquals("'caf\u00e9'", Bash.q("caf\u00e9"));
    }
}
