package io.byokwatch.render.report;

import io.byokwatch.render.Goldens;
import io.byokwatch.render.MarkdownText;
import io.byokwatch.render.SampleEstate;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class MarkdownRendererTest {
    private final String md = new MarkdownRenderer().render(SampleEstate.report());

    @Test
    void sampleReportMatchesTheGoldenFile() {
        Goldens.assertMatches("report.md", md);
    }

    @Test
    void pipeInAnExemptionReasonIsEscapedAndEveryTableRowKeepsItsColumns() {
        assertTrue(md.contains("goes live in Q1 \\| CAB-2291 approved"), md);
        List<String> block = List.of();
        for (String line : md.lines().toList()) {
            if (line.startsWith("|")) {
                block = block.isEmpty() ? List.of(line) : append(block, line);
                assertEquals(cells(block.get(0)), cells(line), "row breaks its table: " + line);
            } else {
                block = List.of();
            }
        }
    }

    @Test
    void summaryTablesListEveryStatusAndSeverityWithZeros() {
        String empty = new MarkdownRenderer().render(SampleEstate.empty());
        for (String row : List.of("| noncompliant | 0 |", "| unknown | 0 |", "| exempt | 0 |", "| compliant | 0 |",
                "| not-required | 0 |", "| **total** | **0** |", "| critical | 0 |", "| low | 0 |")) {
            assertTrue(empty.contains(row + "\n"), row);
        }
        assertTrue(md.contains("| noncompliant | 3 |\n"));
        assertTrue(md.contains("| critical | 1 |\n"));
    }

    @Test
    void clusterTableLeadsWithClustersNeedingAction() {
        assertTrue(md.contains("| noncompliant | aks-pay-1 | `" + SampleEstate.PAY + "` | rg-pay | 3 |\n"
                + "| noncompliant | aks-pay-2 | `" + SampleEstate.PAY + "` | rg-pay | 2 |\n"), md);
    }

    @Test
    void eachFindingHasHeadingClustersRemediationAndReferences() {
        assertTrue(md.contains("### high: `vault-no-purge-protection` on vault kv-shared-legacy\n\n"
                + "**Key vault holding a disk key can lose it for good**\n\n"), md);
        assertTrue(md.contains("- Affected 3 clusters: aks-pay-1, aks-pay-2, aks-pay-3\n"), md);
        assertTrue(md.contains("References:\n\n- PCI DSS v4.0 3.6-3.7: protect and manage cryptographic keys for stored"
                + " account data\n- FedRAMP (NIST SP 800-53 Rev. 5) CP-9: backup and recoverability\n"), md);
    }

    @Test
    void remediationIsABashBlockWhoseProseLinesAreComments() {
        assertTrue(md.contains("```bash\n"
                + "# Turn both on (purge protection cannot be turned off again, which is the point):\n"
                + "  az keyvault update -g rg-keys-legacy -n kv-shared-legacy --enable-soft-delete true"
                + " --enable-purge-protection true\n"
                + "# Terraform: purge_protection_enabled = true and soft_delete_retention_days = 90 on"
                + " azurerm_key_vault.kv_shared_legacy.\n```\n"), md);
    }

    @Test
    void evidenceShowsValuesAsCodeAndListsItemByItem() {
        assertTrue(md.contains("- daysLeft: `12`\n"), md);
        assertTrue(md.contains("- principalIds: `3f2b8c1d-9e4a-4b7c-8d6e-1a2b3c4d5e6f`\n"), md);
    }

    @Test
    void proseEscapesMarkdownThatWouldChangeItsMeaning() {
        assertEquals("\\<kv-name\\> a\\_b\\_ \\*x\\* \\[y\\] \\`z\\` a\\|b \\\\", MarkdownText.text("<kv-name> a_b_ *x* [y] `z` a|b \\"));
        assertEquals("a b", MarkdownText.cell("a\n b"));
    }

    @Test
    void codeSpansAndFencesOutgrowBackticksInTheirContent() {
        assertEquals("`plain`", MarkdownText.code("plain"));
        assertEquals("``a`b``", MarkdownText.code("a`b"));
        assertEquals("`` `edge ``", MarkdownText.code("`edge"));
        assertEquals("`a\\|b`", MarkdownText.code("a|b"));
        assertEquals("````text\n```inner```\n````\n", MarkdownText.fenced("text", "```inner```"));
    }

    private static List<String> append(List<String> list, String item) {
        List<String> out = new java.util.ArrayList<>(list);
        out.add(item);
        return out;
    }

    /** Counts the cell separators GitHub sees: pipes not escaped by a backslash. */
    private static int cells(String row) {
        return row.replace("\\|", "").length() - row.replace("\\|", "").replace("|", "").length();
    }
}
