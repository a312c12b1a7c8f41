package io.byokwatch.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.render.SchemaCheck;
import io.byokwatch.rules.RuleCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A weakened policy is named in every report format; one that checks nothing is refused unless asked for. */
class ScanPolicyWarningsTest {
    private static final String NOW = "2026-12-01T00:00:00Z";

    @TempDir
    Path tmp;

    private Path policy(String json) throws Exception {
        return Files.writeString(tmp.resolve("policy.json"), json);
    }

    @Test
    void everyFormat_showsDisabledRulesAndLastingBroadExemptions() throws Exception {
        Path p = policy("{\"disabledRules\": [\"aks-no-kms-etcd\"], \"exemptions\": [{\"resourceId\": \"/subscriptions\","
                + " \"reason\": \"all of it\", \"expires\": \"9999-12-31\", \"approvedBy\": \"someone\"}]}");
        for (String format : List.of("table", "json", "markdown", "sarif")) {
            ScanCommandTest.Result r = ScanCommandTest.run("scan", "--inventory", "examples/estate", "--policy", p.toString(),
                    "--format", format, "--now", NOW, "--fail-on", "none");
            assertEquals(0, r.code(), format + ": " + r.err());
            String flat = r.out().replaceAll("\\s+", " ");
            assertTrue(flat.contains("aks-no-kms-etcd is disabled"), format + ":\n" + r.out());
            assertTrue(flat.contains("effectively permanent"), format);
            assertTrue(flat.contains("every subscription under /subscriptions"), format);
            if (format.equals("json")) {
                JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
                assertEquals(3, o.getAsJsonArray("policyWarnings").size());
                assertEquals(List.of(), SchemaCheck.load("schema/scan-report.v1.schema.json").problems(r.out()));
            }
            if (format.equals("sarif")) {
                JsonObject invocation = JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonArray("runs").get(0)
                        .getAsJsonObject().getAsJsonArray("invocations").get(0).getAsJsonObject();
                assertEquals(3, invocation.getAsJsonArray("toolConfigurationNotifications").size());
                assertEquals("warning", invocation.getAsJsonArray("toolConfigurationNotifications").get(0).getAsJsonObject()
                        .get("level").getAsString());
                assertEquals(List.of(), SchemaCheck.load("schema/sarif-2.1.0.json").problems(r.out()));
            }
        }
    }

    @Test
    void aPolicyDisablingEveryRule_isExit2_unlessAllowEmptyPolicy() throws Exception {
        Path p = policy("{\"disabledRules\": [\"" + String.join("\", \"", RuleCatalog.standard().ids()) + "\"]}");
        ScanCommandTest.Result refused = ScanCommandTest.run("scan", "--inventory", "examples/estate", "--policy", p.toString(), "--now", NOW);
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("disables every rule"), refused.err());
        ScanCommandTest.Result allowed = ScanCommandTest.run("scan", "--inventory", "examples/estate", "--policy", p.toString(),
                "--now", NOW, "--allow-empty-policy", "--format", "json");
        assertEquals(0, allowed.code(), allowed.err());
        assertEquals(RuleCatalog.standard().ids().size(),
                JsonParser.parseString(allowed.out()).getAsJsonObject().getAsJsonArray("policyWarnings").size());
    }
}
