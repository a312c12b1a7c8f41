package io.byokwatch.infra;

import io.byokwatch.infra.BicepSyntax.BicepFile;
import io.byokwatch.infra.BicepSyntax.Call;
import io.byokwatch.infra.BicepSyntax.Decl;
import io.byokwatch.infra.BicepSyntax.Expr;
import io.byokwatch.infra.BicepSyntax.Kind;
import io.byokwatch.infra.BicepSyntax.Member;
import io.byokwatch.infra.BicepSyntax.Obj;
import io.byokwatch.infra.BicepSyntax.Ref;
import io.byokwatch.infra.BicepSyntax.Str;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What makes the templates deploy on the first try, each from a documented Azure refusal (see infra/README.md):
 * no managed identity on a global topic, a vault's topic in the vault's region, existing topics and audit settings
 * reused rather than duplicated, roles granted before the subscriptions that use them, central key subscriptions
 * watched, and the guards that stop a deployment that would break a promise.
 */
class InfraDeploysTest {
    private static final Path INFRA = Path.of("infra");
    private static final String SYSTEM_TOPICS = "Microsoft.EventGrid/systemTopics@";
    private static final String EVENT_SUBSCRIPTIONS = "Microsoft.EventGrid/systemTopics/eventSubscriptions@";

    private static BicepFile parse(String file) {
        return BicepParser.parse(INFRA.resolve(file));
    }

    private static List<BicepFile> all() throws IOException {
        try (Stream<Path> s = Files.walk(INFRA)) {
            return s.filter(p -> p.toString().endsWith(".bicep")).sorted().map(BicepParser::parse).toList();
        }
    }

    private static List<Decl> resources(BicepFile f, String typePrefix) {
        return f.all(Kind.RESOURCE).stream().filter(d -> d.target().startsWith(typePrefix)).toList();
    }

    private static boolean mentions(Expr e, String key) {
        boolean[] found = {false};
        BicepSyntax.walk(e, x -> {
            if (x instanceof Obj o && o.get(key).isPresent()) {
                found[0] = true;
            }
        });
        return found[0];
    }

    private static List<String> dependsOn(Decl d) {
        List<String> out = new ArrayList<>();
        d.body().get("dependsOn").ifPresent(e -> BicepSyntax.references(e).forEach(out::add));
        return out;
    }

    @Test
    void workspaceModules_waitForTheWorkspaceTheyAreScopedTo() {
        BicepFile main = parse("main.bicep");
        for (String module : List.of("workspaceInfo", "workspaceReader", "app")) {
            Decl d = main.find(Kind.MODULE, module).orElseThrow();
            assertTrue(dependsOn(d).contains("workspace"), module + " must depend on the workspace module explicitly,"
                    + " since its scope or settings name the workspace by an id built at compile time");
        }
    }

    @Test
    void aGlobalSystemTopic_hasNoIdentity_norIdentityDeadLettering() throws IOException {
        int global = 0;
        for (BicepFile f : all()) {
            for (Decl topic : resources(f, SYSTEM_TOPICS)) {
                if (topic.existing()) {
                    continue;
                }
                Expr location = topic.body().get("location").orElseThrow();
                if (location instanceof Str s && "global".equals(s.literal())) {
                    global++;
                    assertTrue(topic.body().get("identity").isEmpty(), f.path() + ": Event Grid gives a global topic no"
                            + " managed identity (\"identity is unavailable for location 'global'\")");
                    for (Decl sub : resources(f, EVENT_SUBSCRIPTIONS)) {
                        assertFalse(mentions(sub.body(), "deadLetterWithResourceIdentity"), f.path()
                                + ": identity-based dead-lettering needs a topic identity a global topic cannot have");
                    }
                }
            }
            for (Decl d : f.decls()) {
                if (d.value() != null) {
                    assertFalse(BicepSyntax.memberAccesses(d.value()).stream().anyMatch(m -> m[1].equals("topicPrincipalId")),
                            f.path() + " still reads a subscription topic's identity");
                }
            }
        }
        assertEquals(1, global, "one template creates the subscription topic");
    }

    @Test
    void aVaultsSystemTopic_isCreatedInTheVaultsRegion() {
        BicepFile events = parse("modules/keyvault-events.bicep");
        Decl topic = resources(events, SYSTEM_TOPICS).stream().filter(d -> !d.existing()).findFirst().orElseThrow();
        Expr location = topic.body().get("location").orElseThrow();
        assertInstanceOf(Ref.class, location, "the topic's location is a parameter");
        String param = ((Ref) location).name();
        BicepFile watch = parse("modules/keyvault-watch.bicep");
        Decl vault = resources(watch, "Microsoft.KeyVault/vaults@").get(0);
        assertTrue(vault.existing());
        Decl module = watch.all(Kind.MODULE).stream().filter(m -> m.target().equals("keyvault-events.bicep")).findFirst().orElseThrow();
        Expr passed = ((Obj) module.body().get("params").orElseThrow()).get(param).orElseThrow();
        assertTrue(passed instanceof Member m && m.name().equals("location") && m.target() instanceof Ref r
                        && r.name().equals(vault.name()),
                "a system topic must be in its source's region: pass " + vault.name() + ".location, not the group's");
    }

    @Test
    void everyNewSystemTopic_canBeAnExistingOneInstead_andSubscriptionsHangOffEither() throws IOException {
        int topics = 0;
        for (BicepFile f : all()) {
            for (Decl topic : resources(f, SYSTEM_TOPICS)) {
                if (topic.existing()) {
                    continue;
                }
                topics++;
                assertTrue(topic.conditional(), f.path() + ": one system topic per source; creating it must be optional");
            }
            for (Decl sub : resources(f, EVENT_SUBSCRIPTIONS)) {
                Expr parent = sub.body().get("parent").orElseThrow();
                Decl parentDecl = f.symbols().get(((Ref) parent).name());
                assertTrue(parentDecl.existing(), f.path() + ": the subscription's parent must be the topic by name, new or not");
                assertTrue(dependsOn(sub).stream().anyMatch(n -> f.symbols().get(n).kind() == Kind.RESOURCE
                        && f.symbols().get(n).target().startsWith(SYSTEM_TOPICS) && !f.symbols().get(n).existing()),
                        f.path() + ": the subscription must wait for the topic when it is created");
            }
        }
        assertEquals(2, topics);
        BicepFile main = parse("main.bicep");
        assertTrue(main.find(Kind.PARAM, "existingSystemTopics").isPresent());
        for (String module : List.of("watch", "vaults")) {
            Obj params = (Obj) main.find(Kind.MODULE, module).orElseThrow().body().get("params").orElseThrow();
            assertTrue(BicepSyntax.references(params.get("existingTopicId").orElseThrow()).contains("existingSystemTopics"), module);
        }
    }

    @Test
    void anExistingTopicIsFoundBySource_subscriptionIdOrVaultId() {
        BicepFile main = parse("main.bicep");
        String vault = "/subscriptions/BBBB/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-central";
        String topic = "/subscriptions/aaaa/resourceGroups/rg-theirs/providers/Microsoft.EventGrid/systemTopics/theirs";
        BicepEval eval = new BicepEval(main, Map.of("watchedSubscriptionIds", List.of("AAAA"), "byokVaultIds", List.of(vault),
                "existingSystemTopics", Map.of("aaaa", topic)));
        Decl watch = main.find(Kind.MODULE, "watch").orElseThrow();
        Expr existing = ((Obj) watch.body().get("params").orElseThrow()).get("existingTopicId").orElseThrow();
        List<?> scopes = (List<?>) eval.eval(watch.loop().source());
        assertEquals(List.of("aaaa", "bbbb"), scopes);
        assertEquals(topic, eval.eval(existing, Map.of(watch.loop().item(), scopes.get(0))));
        assertEquals("", eval.eval(existing, Map.of(watch.loop().item(), scopes.get(1))));
    }

    @Test
    void anAuditSettingToTheSameWorkspace_isNotCreatedTwice() {
        BicepFile watch = parse("modules/keyvault-watch.bicep");
        Decl audit = resources(watch, "Microsoft.Insights/diagnosticSettings@").get(0);
        assertTrue(audit.conditional(), "Azure refuses a second setting with the same workspace: creating it must be optional");
        assertEquals(Set.of("createAuditDiagnostics"), BicepSyntax.references(audit.condition()));
        BicepFile main = parse("main.bicep");
        String vault = "/subscriptions/aaaa/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-pay";
        Expr create = ((Obj) main.find(Kind.MODULE, "vaults").orElseThrow().body().get("params").orElseThrow())
                .get("createAuditDiagnostics").orElseThrow();
        assertEquals(false, new BicepEval(main, Map.of("byokVaultIds", List.of(vault),
                "vaultsAlreadyAuditedToWorkspace", List.of(vault.toUpperCase()))).eval(create, Map.of("vaultId", vault)));
        assertEquals(true, new BicepEval(main, Map.of("byokVaultIds", List.of(vault))).eval(create, Map.of("vaultId", vault)));
    }

    @Test
    void eventSubscriptions_areOffByDefault_forEventGridChecksTheFunctionExists() {
        Decl d = parse("main.bicep").find(Kind.PARAM, "deployEventSubscriptions").orElseThrow();
        assertEquals("false", ((BicepSyntax.Lit) d.value()).text());
    }

    @Test
    void identityDeadLettering_waitsForTheTopicsStorageRole() throws IOException {
        int seen = 0;
        for (BicepFile f : all()) {
            for (Decl sub : resources(f, EVENT_SUBSCRIPTIONS)) {
                if (!mentions(sub.body(), "deadLetterWithResourceIdentity")) {
                    continue;
                }
                seen++;
                assertTrue(dependsOn(sub).stream().anyMatch(n -> f.symbols().get(n).kind() == Kind.MODULE
                                && f.symbols().get(n).target().equals("deadletter-writer.bicep")),
                        f.path() + ": Event Grid checks the dead-letter role when the subscription is created");
            }
        }
        assertEquals(1, seen);
    }

    @Test
    void aCentralKeySubscription_getsReaderAndAnArmTopic() {
        BicepFile main = parse("main.bicep");
        BicepEval eval = new BicepEval(main, Map.of("watchedSubscriptionIds", List.of("AAAA", "bbbb"), "byokVaultIds", List.of(
                "/subscriptions/bbbb/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-b",
                "/subscriptions/CCCC/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-c1",
                "/subscriptions/cccc/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-c2")));
        assertEquals(List.of("aaaa", "bbbb", "cccc"), eval.eval(main.find(Kind.MODULE, "watch").orElseThrow().loop().source()));
        BicepFile watch = parse("modules/watch-subscription.bicep");
        assertEquals(1, resources(watch, "Microsoft.Authorization/roleAssignments@").size(), "Reader on each");
    }

    @Test
    void theCmkPolicy_isAssignedOnlyWhereClustersAreWatched() {
        BicepFile main = parse("main.bicep");
        Expr effect = ((Obj) main.find(Kind.MODULE, "watch").orElseThrow().body().get("params").orElseThrow())
                .get("cmkPolicyEffect").orElseThrow();
        Map<String, Object> params = Map.of("watchedSubscriptionIds", List.of("aaaa"), "cmkPolicyEffect", "Deny",
                "byokVaultIds", List.of("/subscriptions/cccc/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"));
        assertEquals("Deny", new BicepEval(main, params).eval(effect, Map.of("sub", "aaaa")));
        assertEquals("None", new BicepEval(main, params).eval(effect, Map.of("sub", "cccc")));
    }

    @Test
    void theChannelSecretsVault_mayNotBeABYOKVault() {
        BicepFile reader = parse("modules/secrets-reader.bicep");
        Decl guard = reader.find(Kind.PARAM, "vaultHoldsNoByokKeys").orElseThrow();
        BicepSyntax.Arr allowed = (BicepSyntax.Arr) guard.decorator("allowed").orElseThrow().args().get(0);
        assertEquals(List.of("true"), allowed.items().stream().map(i -> ((BicepSyntax.Lit) i).text()).toList(),
                "ARM refuses any other value before the deployment starts");
        BicepFile main = parse("main.bicep");
        Expr passed = ((Obj) main.find(Kind.MODULE, "channelSecrets").orElseThrow().body().get("params").orElseThrow())
                .get("vaultHoldsNoByokKeys").orElseThrow();
        String kv = "/subscriptions/aaaa/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-pay";
        assertEquals(false, new BicepEval(main, Map.of("byokVaultIds", List.of(kv), "channelSecretsVaultId", kv.toUpperCase())).eval(passed));
        assertEquals(true, new BicepEval(main, Map.of("byokVaultIds", List.of(kv), "channelSecretsVaultId", kv + "-cfg")).eval(passed));
    }

    @Test
    void aDeploymentWithNoScope_isStoppedBeforeItStarts() {
        Decl guard = parse("modules/app.bicep").find(Kind.PARAM, "watchesSomething").orElseThrow();
        assertTrue(guard.decorator("allowed").isPresent());
        BicepFile main = parse("main.bicep");
        Expr passed = ((Obj) main.find(Kind.MODULE, "app").orElseThrow().body().get("params").orElseThrow())
                .get("watchesSomething").orElseThrow();
        assertEquals(false, new BicepEval(main, Map.of()).eval(passed));
        assertEquals(true, new BicepEval(main, Map.of("managementGroupId", "mg-prod")).eval(passed));
    }

    @Test
    void storageRedundancy_isAParameter_forZrsIsNotOfferedInEveryFlexRegion() {
        BicepFile app = parse("modules/app.bicep");
        Decl storage = resources(app, "Microsoft.Storage/storageAccounts@").stream().filter(d -> d.name().equals("storage"))
                .findFirst().orElseThrow();
        Expr sku = ((Obj) storage.body().get("sku").orElseThrow()).get("name").orElseThrow();
        assertEquals("storageSku", ((Ref) sku).name());
        Decl param = parse("main.bicep").find(Kind.PARAM, "storageSku").orElseThrow();
        assertTrue(param.decorator("allowed").orElseThrow().args().get(0).toString().contains("Standard_LRS"));
    }

    @Test
    void mavenDeploysToTheTemplatesResourceGroup() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher m = Pattern.compile("<functionResourceGroup>([^<]+)</functionResourceGroup>").matcher(pom);
        assertTrue(m.find());
        assertEquals(new BicepEval(parse("main.bicep"), Map.of()).variable("resourceGroupName"), m.group(1));
        assertTrue(pom.contains("<resourceGroup>${functionResourceGroup}</resourceGroup>"));
    }

    @Test
    void theDeploymentPackage_neverCarriesLocalSettings() throws IOException {
        int zips = 0;
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("README.md")));
        lines.addAll(Files.readAllLines(INFRA.resolve("README.md")));
        for (String line : lines) {
            if (line.contains("zip -r")) {
                zips++;
                assertTrue(line.contains("-x local.settings.json"), "local.settings.json holds local secrets: " + line);
            }
        }
        assertTrue(zips >= 1);
    }

    @Test
    void theParametersExample_suppliesEverySettingTheExampleNotifyConfigNames_fromAVaultOfItsOwn() throws IOException {
        com.google.gson.JsonObject params = com.google.gson.JsonParser.parseString(Files.readString(INFRA.resolve(
                "main.parameters.example.json"))).getAsJsonObject().getAsJsonObject("parameters");
        com.google.gson.JsonObject settings = params.getAsJsonObject("channelSettings").getAsJsonObject("value");
        String notify = Files.readString(Path.of("examples/notify.json"));
        Matcher named = Pattern.compile("\"(?:urlSetting|secretSetting)\": \"(\\w+)\"").matcher(notify);
        int seen = 0;
        String secretsVault = params.getAsJsonObject("channelSecretsVaultId").get("value").getAsString();
        String host = "https://" + secretsVault.substring(secretsVault.lastIndexOf('/') + 1) + ".vault.azure.net/";
        while (named.find()) {
            seen++;
            assertTrue(settings.has(named.group(1)), "channelSettings lacks " + named.group(1));
            assertTrue(settings.get(named.group(1)).getAsString().startsWith("@Microsoft.KeyVault(SecretUri=" + host),
                    named.group(1) + " is a reference into the channel-secrets vault");
        }
        assertTrue(seen >= 3);
        assertEquals("/home/site/wwwroot/notify.json", params.getAsJsonObject("notifyConfig").get("value").getAsString());
        com.google.gson.JsonArray vaults = params.getAsJsonObject("byokVaultIds").getAsJsonArray("value");
        vaults.forEach(v -> assertNotEquals(secretsVault.toLowerCase(), v.getAsString().toLowerCase()));
    }

    @Test
    void theDeployGuide_coversWhatAFirstDeploymentNeeds() throws IOException {
        String guide = Files.readString(INFRA.resolve("README.md"));
        for (String must : List.of("az provider register --namespace \"$ns\"", "Microsoft.EventGrid",
                "--query properties.outputs.functionAppName.value --output tsv", "notifyConfig", "policyFile",
                "deployEventSubscriptions=true", "byokwatch doctor --live", "/api/doctor", "az bicep build --file infra/main.bicep",
                "az deployment sub what-if", "az deployment mg create", "az policy remediation create",
                "existingSystemTopics", "vaultsAlreadyAuditedToWorkspace", "Per subscription or per management group?")) {
            assertTrue(guide.contains(must), "infra/README.md lacks " + must);
        }
        assertFalse(guide.contains("-g rg-byokwatch"), "no hard-coded resource group: read it from the deployment");
        assertFalse(Files.readString(Path.of("README.md")).contains("-g rg-byokwatch"));
    }
}
