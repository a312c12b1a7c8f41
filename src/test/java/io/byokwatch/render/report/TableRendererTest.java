package io.byokwatch.render.report;

import io.byokwatch.render.Goldens;
import io.byokwatch.render.SampleEstate;
import io.byokwatch.app.Scan;
import io.byokwatch.app.ScanReport;
import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.Exempted;
import io.byokwatch.domain.Finding;
import io.byokwatch.domain.NotEvaluated;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Severity;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class TableRendererTest {
    private final String table = new TableRenderer().render(SampleEstate.report());
    private final List<String> lines = table.lines().toList();

    @Test
    void sampleReportMatchesTheGoldenFile() {
        Goldens.assertMatches("table.txt", table);
    }

    @Test
    void noLineExceedsOneHundredColumns() {
        assertFitsWidth(table, 100);
        assertFitsWidth(new TableRenderer().render(widest()), 100);
    }

    @Test
    void narrowerWidthIsHonoured() {
        assertFitsWidth(new TableRenderer(72).render(SampleEstate.report()), 72);
        assertFitsWidth(new TableRenderer(60).render(widest()), 60);
        assertThrows(IllegalArgumentException.class, () -> new TableRenderer(40));
    }

    @Test
    void headerSummarisesTheEstate() {
        assertEquals("byokwatch scan at 2026-12-01T00:00:00Z", lines.get(0));
        assertEquals("7 clusters: 3 noncompliant, 1 unknown, 1 exempt, 1 compliant, 1 not required", lines.get(1));
        assertTrue(lines.get(2).startsWith("4 findings: 1 critical, 1 high, 1 medium, 1 low"), lines.get(2));
    }

    @Test
    void clustersNeedingActionComeFirst_worstFindingFirst_thenByName() {
        List<String> order = lines.stream().filter(l -> !l.isEmpty() && Character.isUpperCase(l.charAt(0))
                        && l.contains("(" + SampleEstate.PAY) || l.contains("(" + SampleEstate.SANDBOX))
                .map(l -> l.split("\\s+")[1]).toList();
        // aks-pay-3 has the critical finding; aks-pay-1 and aks-pay-2 share the worst one below it
        assertEquals(List.of("aks-pay-3", "aks-pay-1", "aks-pay-2", "aks-ehr", "aks-legacy", "aks-web", "aks-sandbox"), order);
    }

    @Test
    void longMessagesWrapUnderTheMessageColumn() {
        int at = indexOfLineContaining("[CRITICAL] des-no-key-access");
        String first = lines.get(at);
        int column = first.indexOf("Disk encryption set des-pay-3");
        String next = lines.get(at + 1);
        assertTrue(column > 0 && next.length() > column, next);
        assertEquals(" ".repeat(column), next.substring(0, column));
        assertTrue(Character.isLetterOrDigit(next.charAt(column)), next);
    }

    @Test
    void exemptionsNotEvaluatedAndOutOfScopeClustersAreSpelledOut() {
        assertTrue(table.contains("exempt until 2027-03-31: [HIGH] aks-no-byok on cluster aks-legacy: Replacement"), table);
        assertTrue(table.contains("exemption expired 2026-10-31: key-expiring on key kv-pay-prod/aks-disk counts again"), table);
        assertTrue(table.contains("not evaluated: key-no-rotation: the rotation policy of key aks-disk-3"), table);
        assertTrue(table.contains("not required: tag data-classification=public does not require BYOK"), table);
        assertTrue(table.contains("not evaluated: des-key-unavailable, des-no-key-access: disk encryption set des-ehr is"
                + " not in the\n"), "rules stopped by the same missing fact are listed once");
    }

    @Test
    void findingsSharedByClustersAreSummarisedOnceAtTheEnd() {
        int heading = indexOfLineContaining("Shared by several clusters");
        String tail = String.join(" ", lines.subList(heading + 1, lines.size())).replaceAll("\\s+", " ");
        assertTrue(tail.contains("[HIGH] vault-no-purge-protection vault kv-shared-legacy: 3 clusters (aks-pay-1,"
                + " aks-pay-2, aks-pay-3)"), tail);
        assertTrue(tail.contains("[MEDIUM] key-expiring key kv-pay-prod/aks-disk: 2 clusters (aks-pay-1, aks-pay-2)"), tail);
        assertTrue(!tail.contains("des-no-key-access"), "a finding on one cluster is not shared");
        assertEquals("Run with --format json (or --format markdown) for the remediation commands and Terraform changes.",
                lines.get(lines.size() - 1));
    }

    @Test
    void emptyEstateSaysSoWithoutAHint() {
        String empty = new TableRenderer().render(SampleEstate.empty());
        assertEquals("byokwatch scan at 2026-12-01T00:00:00Z\n0 clusters\n0 findings: 0 critical, 0 high, 0 medium, 0 low\n"
                + "\nNo findings.\n", empty);
    }

    private int indexOfLineContaining(String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line contains " + text + " in\n" + table);
    }

    @Test
    void colour_marksOnlySeverityTagsAndStatuses_andChangesNoText() {
        String coloured = new TableRenderer(TableRenderer.DEFAULT_WIDTH, TableStyle.COLOUR, false).render(SampleEstate.report());
        assertTrue(coloured.contains("\u001b[1;97;41m[CRITICAL]\u001b[0m des-no-key-access"), coloured);
        assertTrue(coloured.contains("\u001b[32mCOMPLIANT\u001b[0m"), coloured);
        assertEquals(table, coloured.replaceAll("\u001b\\[[0-9;]*m", ""));
    }

    @Test
    void quiet_listsOnlyClustersNeedingAction_andCountsTheRest() {
        String quiet = new TableRenderer(TableRenderer.DEFAULT_WIDTH, TableStyle.PLAIN, true).render(SampleEstate.report());
        assertTrue(quiet.contains("NONCOMPLIANT  aks-pay-3") && quiet.contains("UNKNOWN       aks-ehr"), quiet);
        assertFalse(quiet.contains("aks-sandbox") || quiet.contains("aks-web") || quiet.contains("aks-legacy  "), quiet);
        assertTrue(quiet.contains("(3 clusters compliant, exempt or not required: not listed with --quiet)"), quiet);
        assertFalse(quiet.contains("note: "), quiet);
    }

    private static void assertFitsWidth(String text, int width) {
        text.lines().forEach(l -> assertTrue(l.length() <= width, l.length() + " > " + width + ": " + l));
    }

    /** Names, reasons and ids far longer than a line, which must be wrapped or cut rather than overflow. */
    private static ScanReport widest() {
        String longName = "aks-" + "very-long-cluster-name-".repeat(4) + "end";
        ResourceId cluster = SampleEstate.cluster(SampleEstate.PAY, "rg-" + "x".repeat(80), longName);
        ResourceId set = SampleEstate.id(SampleEstate.PAY, "rg-" + "y".repeat(90), "Microsoft.Compute/diskEncryptionSets/des");
        Finding finding = new Finding("des-key-unavailable-with-a-rule-id-much-longer-than-any-real-one", Severity.CRITICAL,
                set, "title", "Disk encryption set " + set + " has a key that is gone and this sentence keeps going well"
                + " past the end of any terminal.", "fix:\n  az something", java.util.Map.of(), List.of("ref"));
        return Scan.report(SampleEstate.NOW, List.of(SampleEstate.verdict(cluster, longName, ClusterStatus.NONCOMPLIANT,
                List.of(finding), List.of(new Exempted(finding, set, "r".repeat(150), "a".repeat(120),
                        LocalDate.parse("2026-01-01"), true)),
                List.of(new NotEvaluated("key-no-rotation", set, "needs " + set + " " + set)))), List.of("n".repeat(130)));
    }
}
