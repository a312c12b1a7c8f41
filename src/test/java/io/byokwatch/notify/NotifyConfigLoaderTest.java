package io.byokwatch.notify;

import io.byokwatch.domain.Severity;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class NotifyConfigLoaderTest {
    private static final String SLACK = "https://hooks.slack.com/services/T0PAY/B0ALERTS/payToken0123456789abcdef";
    private static final String TEAMS = "https://prod-42.westeurope.logic.azure.com:443/workflows/8b1c/triggers/manual/paths/invoke?api-version=2016-06-01&sig=teamsSignature0123456789abcdefABCDEF";
    private static final String SIEM = "https://siem.contoso.example/ingest/byokwatch";
    private static final String SECRET = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    /** The example from the issue, completed. */
    static final String EXAMPLE = """
            {"channels": {"payments-slack": {"type": "slack", "urlSetting": "SLACK_PAYMENTS_URL"},
                          "sec-teams": {"type": "teams", "urlSetting": "TEAMS_SEC_URL"},
                          "siem": {"type": "webhook", "urlSetting": "SIEM_URL", "secretSetting": "SIEM_SECRET"}},
             "routes": [{"name": "payments team", "match": {"subscriptions": ["6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01"],
                          "resourceGroups": ["rg-checkout"], "tags": {"owner-team": ["payments", "checkout"]},
                          "kinds": ["opened", "changed"], "minSeverity": "high"}, "channels": ["payments-slack"]},
                        {"match": {}, "channels": ["siem"]}],
             "default": ["sec-teams"], "flapWindowMinutes": 45, "dailyReminder": {"enabled": true, "hourUtc": 8},
             "delivery": {"maxAttempts": 6, "timeoutSeconds": 5}}
            """;

    static Map<String, String> env() {
        return Map.of("SLACK_PAYMENTS_URL", SLACK, "TEAMS_SEC_URL", TEAMS, "SIEM_URL", SIEM, "SIEM_SECRET", SECRET);
    }

    private static NotifyConfigLoader.Loaded parse(String json, Map<String, String> env) {
        return new NotifyConfigLoader(env).parse(json, "notify.json", Path.of("/etc/byokwatch"));
    }

    private static List<String> problems(String json, Map<String, String> env) {
        return assertThrows(NotifyConfigException.class, () -> parse(json, env)).problems();
    }

    @Test
    void theIssuesExample_loads_withEndpointsFromSettings_andNoSecretInTheConfig() {
        NotifyConfigLoader.Loaded l = parse(EXAMPLE, env());
        NotifyConfig c = l.config();
        assertEquals(List.of("payments-slack", "sec-teams", "siem"), List.copyOf(c.channels().keySet()));
        assertEquals(ChannelType.WEBHOOK, c.channel("siem").type());
        assertEquals(1.0, c.channel("payments-slack").perSecond(), "Slack's pace by default");
        assertEquals(4.0, c.channel("sec-teams").perSecond(), "Teams' pace by default");
        assertEquals(2, c.routes().size());
        assertEquals("payments team", c.routes().get(0).name());
        assertEquals(Severity.HIGH, c.routes().get(0).match().minSeverity());
        assertEquals(List.of("sec-teams"), c.defaultChannels());
        assertEquals(Duration.ofMinutes(45), c.flapWindow());
        assertEquals(new NotifyConfig.DailyReminder(true, 8), c.dailyReminder());
        assertEquals(6, c.maxAttempts());
        assertEquals(Duration.ofSeconds(5), c.timeout());
        assertEquals(SLACK, l.endpoints().get("payments-slack").url().toString());
        assertEquals(SECRET, l.endpoints().get("siem").signingSecret());
        assertFalse(c.toString().contains("hooks.slack.com"), "the config record holds names, not URLs");
        assertFalse(l.endpoints().toString().contains(SECRET), "endpoints print nothing secret");
        assertEquals("***", l.secrets().mask(SLACK));
        assertEquals("***", l.secrets().mask(SECRET));
    }

    @Test
    void defaults_whenOnlyChannelsAndDefaultAreGiven() {
        NotifyConfig c = parse("{\"channels\": {\"t\": {\"type\": \"stdout\"}}, \"default\": [\"t\"]}", Map.of()).config();
        assertEquals(Duration.ofMinutes(60), c.flapWindow());
        assertEquals(8, c.maxAttempts());
        assertEquals(Duration.ofSeconds(10), c.timeout());
        assertFalse(c.dailyReminder().enabled());
        assertTrue(c.channel("t").forPeople());
    }

    @Test
    void everyProblem_isReportedTogether_withItsPathAndTheFix() {
        String bad = """
                {"channels": {"payments-slack": {"type": "slak", "urlSetting": "SLACK_PAYMENTS_URL"},
                              "siem": {"type": "webhook", "urlSetting": "SIEM_URL", "secretSetting": "MISSING_SECRET", "retries": 3},
                              "bad name!": {"type": "stdout"}},
                 "routes": [{"match": {"subscriptions": ["prod"], "kinds": ["opened", "fixed"], "minSeverity": "urgent",
                             "tag": {"a": ["b"]}}, "channels": ["payments"]}],
                 "default": ["nowhere"], "flapWindowMinutes": -5, "reminder": true}
                """;
        List<String> p = problems(bad, env());
        String all = String.join("\n", p);
        assertTrue(all.contains("channels.payments-slack.type: 'slak' is not a channel type; use slack, teams, webhook, stdout or file"), all);
        assertTrue(all.contains("channels.siem.retries: unknown field for a webhook channel"), all);
        assertTrue(all.contains("channels.siem.secretSetting: setting MISSING_SECRET is not set"), all);
        assertTrue(all.contains("channels.bad name!: channel names are"), all);
        assertTrue(all.contains("routes[0].match.subscriptions: 'prod' is not a subscription id"), all);
        assertTrue(all.contains("routes[0].match.kinds: 'fixed' is not an alert kind"), all);
        assertTrue(all.contains("routes[0].match.minSeverity: 'urgent' is not a severity"), all);
        assertTrue(all.contains("routes[0].match.tag: unknown field; expected one of kinds, minSeverity, resourceGroups, subscriptions, tags"), all);
        assertTrue(all.contains("routes[0].channels: unknown channel 'payments'"), all);
        assertTrue(all.contains("default: unknown channel 'nowhere'"), all);
        assertTrue(all.contains("flapWindowMinutes: expected a whole number from 0 to 1440"), all);
        assertTrue(all.contains("reminder: unknown field"), all);
        assertEquals(12, p.size(), all);
    }

    @Test
    void urlsAndSecrets_neverGoInTheFile_andErrorsNeverRepeatThem() {
        String inline = "{\"channels\": {\"s\": {\"type\": \"slack\", \"url\": \"" + SLACK + "\"}}, \"default\": [\"s\"]}";
        String all = String.join("\n", problems(inline, env()));
        assertTrue(all.contains("channels.s.url: webhook URLs and secrets never go in the config file"), all);
        assertTrue(all.contains("channels.s.urlSetting: missing"), all);
        assertFalse(all.contains("payToken"), all);

        String urlAsName = "{\"channels\": {\"s\": {\"type\": \"slack\", \"urlSetting\": \"" + SLACK + "\"}}, \"default\": [\"s\"]}";
        all = String.join("\n", problems(urlAsName, env()));
        assertTrue(all.contains("channels.s.urlSetting: holds a URL, but it names a setting"), all);
        assertFalse(all.contains("payToken"), all);

        String valueInFile = EXAMPLE.replace("\"delivery\"", "\"description\": \"key " + SECRET + "\", \"delivery\"");
        all = String.join("\n", problems(valueInFile, env()));
        assertTrue(all.contains("channels.siem.secretSetting: the config holds the value of setting SIEM_SECRET itself"), all);
        assertFalse(all.contains(SECRET), all);
    }

    @Test
    void httpsOnly_unlessLoopbackIsAllowed_andThenOnlyForLoopback() {
        Map<String, String> env = new HashMap<>(env());
        env.put("SIEM_URL", "http://127.0.0.1:8080/hook");
        String all = String.join("\n", problems(EXAMPLE, env));
        assertTrue(all.contains("channels.siem.urlSetting: setting SIEM_URL holds an http URL; alerts and signatures"
                + " travel over https only"), all);
        assertFalse(all.contains("127.0.0.1"), "the URL is not repeated: " + all);

        String allowing = EXAMPLE.replace("\"timeoutSeconds\": 5", "\"timeoutSeconds\": 5, \"allowLoopbackHttp\": true");
        assertTrue(parse(allowing, env).config().allowLoopbackHttp());
        env.put("SIEM_URL", "http://[::1]:8080/hook");
        assertEquals("http://[::1]:8080/hook", parse(allowing, env).endpoints().get("siem").url().toString());
        env.put("SIEM_URL", "http://siem.contoso.example/hook");
        assertTrue(String.join("\n", problems(allowing, env)).contains("admits http to 127.0.0.1, ::1 and localhost only"));
        env.put("SIEM_URL", "ftp://siem.contoso.example/hook");
        assertTrue(String.join("\n", problems(allowing, env)).contains("does not hold an absolute https URL"));
    }

    @Test
    void aShortSigningSecret_isRefused() {
        Map<String, String> env = new HashMap<>(env());
        env.put("SIEM_SECRET", "hunter2hunter2");
        String all = String.join("\n", problems(EXAMPLE, env));
        assertTrue(all.contains("the key in setting SIEM_SECRET has 14 characters; use at least 32"), all);
        assertFalse(all.contains("hunter2"), all);
    }

    @Test
    void aRouteWithoutChannels_andAConfigWithoutDefault_areRefused() {
        List<String> p = problems("{\"channels\": {\"t\": {\"type\": \"stdout\"}}, \"routes\": [{\"match\": {}}]}", Map.of());
        assertTrue(p.contains("routes[0].channels: missing; name the channels this route delivers to"), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.startsWith("default: missing")), p.toString());
        assertTrue(problems("{\"channels\": {\"t\": {\"type\": \"stdout\"}}, \"default\": []}", Map.of())
                .contains("default: name at least one channel: alerts no route matches must still reach someone"));
    }

    @Test
    void fileChannels_resolveAgainstTheConfigsFolder() {
        NotifyConfigLoader.Loaded l = parse("{\"channels\": {\"audit\": {\"type\": \"file\", \"path\": \"alerts.jsonl\"}},"
                + " \"default\": [\"audit\"]}", Map.of());
        assertEquals(Path.of("/etc/byokwatch/alerts.jsonl"), l.endpoints().get("audit").file());
        assertFalse(l.config().channel("audit").forPeople());
    }

    @Test
    void notJson_orNotAnObject_isSaidPlainly() {
        assertTrue(assertThrows(NotifyConfigException.class, () -> parse("{\"channels\": ", Map.of())).getMessage()
                .contains("not valid JSON"));
        assertTrue(assertThrows(NotifyConfigException.class, () -> parse("[]", Map.of())).getMessage()
                .contains("must be a JSON object"));
    }
}
