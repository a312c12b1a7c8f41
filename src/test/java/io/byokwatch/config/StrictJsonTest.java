package io.byokwatch.config;

import io.byokwatch.bootstrap.AllowlistFile;
import io.byokwatch.notify.NotifyConfigException;
import io.byokwatch.notify.NotifyConfigLoader;
import io.byokwatch.policy.PolicyException;
import io.byokwatch.policy.PolicyLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every configuration file (policy, notify config, allowlist) is read by the one strict parser: what gson would
 * quietly accept is refused in each, with the reason.
 */
class StrictJsonTest {
    private static final Map<String, String> LENIENT = Map.of(
            "a key given twice", "{\"a\": 1, \"a\": 2}",
            "a comment", "{\"a\": 1 /* note */}",
            "single quotes", "{'a': 1}",
            "an unquoted name", "{a: 1}",
            "text after the value", "{\"a\": 1} {\"a\": 2}",
            "NaN", "{\"a\": NaN}");

    @Test
    void leniencyIsRefused_withAOneLineReason() {
        LENIENT.forEach((what, text) -> {
            ConfigSyntaxException e = assertThrows(ConfigSyntaxException.class, () -> StrictJson.parse(text), what);
            assertTrue(e.getMessage().startsWith("not valid JSON ("), what + ": " + e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), what + ": " + e.getMessage());
            assertTrue(!e.getMessage().contains("LENIENT"), what + ": gson's advice to relax is not ours: " + e.getMessage());
        });
        assertTrue(StrictJson.parse("{\"a\": 1, \"a\": 2}".replace("\"a\": 2", "\"b\": 2")).isJsonObject());
    }

    @Test
    void aDuplicateKey_namesTheKeyAndWhere() {
        String m = assertThrows(ConfigSyntaxException.class,
                () -> StrictJson.parse("{\"allow\": [{\"expires\": \"2027-01-01\", \"expires\": \"2099-01-01\"}]}")).getMessage();
        assertTrue(m.contains("'expires' is given twice at $.allow[0]"), m);
    }

    @Test
    void aByteOrderMark_isIgnored() {
        assertTrue(StrictJson.parse("\uFEFF{\"a\": true}").getAsJsonObject().get("a").getAsBoolean());
    }

    @Test
    void policyNotifyConfigAndAllowlist_allRefuseADuplicateKey() {
        expectRefused(text -> new PolicyLoader(Set.of("aks-no-byok")).parse(text, "policy.json"), PolicyException.class,
                "{\"requireHsm\": true, \"requireHsm\": false}", "'requireHsm' is given twice");
        expectRefused(text -> new NotifyConfigLoader(Map.of()).parse(text, "notify.json", Path.of(".")),
                NotifyConfigException.class,
                "{\"default\": [\"a\"], \"default\": []}", "'default' is given twice");
        expectRefused(text -> AllowlistFile.parse(text, "allowlist.json"), IllegalArgumentException.class,
                "{\"allow\": [], // everyone\n \"allow\": []}", "not valid JSON");
    }

    private static void expectRefused(Consumer<String> load, Class<? extends RuntimeException> type, String text, String says) {
        RuntimeException e = assertThrows(type, () -> load.accept(text));
        assertTrue(e.getMessage().contains(says), e.getMessage());
    }
}
