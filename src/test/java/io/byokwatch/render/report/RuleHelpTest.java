package io.byokwatch.render.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.byokwatch.render.SampleEstate;
import io.byokwatch.rules.Rule;
import io.byokwatch.rules.RuleCatalog;
import io.byokwatch.testsupport.AzCommandLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Every rule's SARIF help says how to fix it, with az commands that az itself accepts. */
class RuleHelpTest {
    @Test
    void everyRuleOfTheCatalog_hasAFix() {
        for (Rule r : RuleCatalog.standard().all()) {
            RuleHelp.Fix fix = RuleHelp.of(r.meta().id());
            assertNotNull(fix, r.meta().id());
            assertFalse(fix.summary().isBlank() || fix.az().isBlank() || fix.terraform().isBlank(), r.meta().id());
        }
    }

    @Test
    void theAzCommandsOfEveryRulesHelp_parseWithAzItself(@TempDir Path config) throws Exception {
        StringBuilder all = new StringBuilder();
        for (JsonElement r : JsonParser.parseString(new SarifRenderer(RuleCatalog.standard(), "0.1.0").render(SampleEstate.empty()))
                .getAsJsonObject().getAsJsonArray("runs").get(0).getAsJsonObject().getAsJsonObject("tool").getAsJsonObject("driver")
                .getAsJsonArray("rules")) {
            all.append(r.getAsJsonObject().getAsJsonObject("help").get("markdown").getAsString()).append('\n');
        }
        Map<String, List<String>> commands = AzCommandLines.in(all.toString());
        assertTrue(commands.size() >= 15, commands.keySet().toString());
        List<String> refused = AzCommandLines.refused(commands.values(), config);
        assertTrue(refused.isEmpty(), String.join("\n", refused));
    }
}
