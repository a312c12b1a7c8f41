package io.byokwatch.render.report;

import io.byokwatch.render.Goldens;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.domain.Severity;
import io.byokwatch.rules.ClusterFacts;
import io.byokwatch.rules.ClusterRule;
import io.byokwatch.rules.RuleContext;
import io.byokwatch.rules.Outcome;
import io.byokwatch.rules.Rule;
import io.byokwatch.rules.RuleCatalog;
import io.byokwatch.rules.RuleMeta;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class RuleCatalogRendererTest {
    private static final RuleCatalog CATALOG = RuleCatalog.standard();
    private final RuleCatalogRenderer renderer = new RuleCatalogRenderer(CATALOG);

    @Test
    void jsonListsEveryRuleInCatalogOrderWithItsMetadata() {
        JsonObject root = JsonParser.parseString(renderer.json()).getAsJsonObject();
        assertEquals(List.of("schemaVersion", "rules"), List.copyOf(root.keySet()));
        assertEquals(1, root.get("schemaVersion").getAsInt());
        JsonArray rules = root.getAsJsonArray("rules");
        List<RuleMeta> metas = CATALOG.all().stream().map(r -> r.meta()).toList();
        assertEquals(metas.size(), rules.size());
        for (int i = 0; i < metas.size(); i++) {
            JsonObject rule = rules.get(i).getAsJsonObject();
            RuleMeta meta = metas.get(i);
            assertEquals(List.of("id", "severity", "title", "failsWhen", "references"), List.copyOf(rule.keySet()));
            assertEquals(meta.id(), rule.get("id").getAsString());
            assertEquals(meta.severity().label(), rule.get("severity").getAsString());
            assertEquals(meta.title(), rule.get("title").getAsString());
            assertEquals(meta.failsWhen(), rule.get("failsWhen").getAsString());
            assertEquals(meta.references(), rule.getAsJsonArray("references").asList().stream()
                    .map(JsonElement::getAsString).toList());
        }
    }

    /** A fixed catalog, so that the golden file follows the renderer rather than edits to the real rules. */
    @Test
    void tableMatchesTheGoldenFile() {
        RuleCatalog fixed = new RuleCatalog(List.of(
                rule(new RuleMeta("aks-no-byok", Severity.HIGH, "AKS cluster disks are not encrypted with a"
                        + " customer-managed key", "the cluster has no disk encryption set", List.of("PCI"))),
                rule(new RuleMeta("des-no-key-access", Severity.CRITICAL, "Disk encryption set cannot reach its key,"
                        + " a title long enough to wrap under its own column instead of running off the line",
                        "the identity lacks get, wrapKey and unwrapKey", List.of("PCI"))),
                rule(new RuleMeta("aks-no-host-encryption", Severity.LOW, "Node pool does not encrypt at host",
                        "a pool has no enableEncryptionAtHost", List.of("FedRAMP")))));
        Goldens.assertMatches("rules.txt", new RuleCatalogRenderer(fixed).table());
    }

    @Test
    void tableOfTheRealCatalogFitsTheWidth() {
        renderer.table().lines().forEach(l -> assertTrue(l.length() <= 100, l));
        renderer.table(60).lines().forEach(l -> assertTrue(l.length() <= 60, l));
    }

    private static Rule rule(RuleMeta meta) {
        return new ClusterRule() {
            @Override
            public RuleMeta meta() {
                return meta;
            }

            @Override
            public void check(ClusterFacts cluster, RuleContext context, Outcome out) {
            }
        };
    }

    @Test
    void tableHasOneRowPerRuleWithIdAndDefaultSeverity() {
        List<String> lines = renderer.table().lines().toList();
        assertTrue(lines.get(0).matches("RULE +SEVERITY +TITLE"), lines.get(0));
        for (RuleMeta meta : CATALOG.all().stream().map(r -> r.meta()).toList()) {
            assertTrue(lines.stream().anyMatch(l -> l.matches(meta.id() + " +" + meta.severity().label() + " +\\S.*")),
                    meta.id());
        }
    }
}
