package io.byokwatch.infra;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.byokwatch.impact.EventTypes;
import io.byokwatch.impact.RoutedOperations;
import io.byokwatch.infra.BicepSyntax.BicepFile;
import io.byokwatch.infra.BicepSyntax.Decl;
import io.byokwatch.infra.BicepSyntax.Expr;
import io.byokwatch.infra.BicepSyntax.Kind;
import io.byokwatch.infra.BicepSyntax.Obj;
import io.byokwatch.infra.BicepSyntax.Ref;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The management-group onboarding: its two deployIfNotExists policies (a new subscription topic where there is none,
 * byokwatch's event subscription on an existing one) deploy real types, deliver exactly what the router acts on, and
 * their remediation identity holds the roles their deployments need.
 */
class InfraManagementGroupTest {
    private static final Path POLICY = Path.of("infra/policy");
    private static final List<String> POLICIES = List.of("subscription-topic.json", "subscription-topic-reuse.json");

    private static JsonObject policy(String file) {
        return TemplateChecker.readJson(POLICY.resolve(file)).getAsJsonObject();
    }

    private static JsonObject details(JsonObject policy) {
        return policy.getAsJsonObject("policyRule").getAsJsonObject("then").getAsJsonObject("details");
    }

    private static JsonObject template(JsonObject policy) {
        return details(policy).getAsJsonObject("deployment").getAsJsonObject("properties").getAsJsonObject("template");
    }

    /** Every resource of a template and of the templates nested in it. */
    private static List<JsonObject> resources(JsonObject template) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement r : template.getAsJsonArray("resources")) {
            out.add(r.getAsJsonObject());
            JsonObject props = r.getAsJsonObject().getAsJsonObject("properties");
            if (props != null && props.has("template")) {
                out.addAll(resources(props.getAsJsonObject("template")));
            }
        }
        return out;
    }

    @Test
    void theDeploymentsEachPolicyRuns_useRealTypesAndProperties() {
        TemplateChecker checker = new TemplateChecker(BicepTypes.load());
        for (String file : POLICIES) {
            JsonObject p = policy(file);
            assertEquals(List.of(), checker.checkArmTemplate(template(p), file));
            String type = details(p).get("type").getAsString();
            assertFalse(BicepTypes.load().versionsOf(type).isEmpty(), file + ": details.type " + type + " is no resource type");
        }
        assertTrue(checker.checkedPaths().stream().anyMatch(s -> s.endsWith("properties.filter.advancedFilters[0].operatorType")),
                checker.checkedPaths().toString());
    }

    @Test
    void thePolicyParametersUsedOutsideTheTemplate_areDeclared() {
        for (String file : POLICIES) {
            JsonObject p = policy(file);
            JsonObject rule = p.getAsJsonObject("policyRule").deepCopy();
            rule.getAsJsonObject("then").getAsJsonObject("details").getAsJsonObject("deployment").getAsJsonObject("properties")
                    .remove("template");
            Matcher m = Pattern.compile("parameters\\('([^']+)'\\)").matcher(new GsonBuilder().disableHtmlEscaping().create().toJson(rule));
            int seen = 0;
            while (m.find()) {
                seen++;
                assertTrue(p.getAsJsonObject("parameters").has(m.group(1)), file + ": parameters('" + m.group(1) + "')");
            }
            assertTrue(seen >= 3);
        }
    }

    @Test
    void everyOnboardedSubscription_sendsExactlyTheRoutedOperationsToResourceChanged() throws Exception {
        Set<String> functions = InfraTemplatesTest.functionNames();
        for (String file : POLICIES) {
            List<JsonObject> subs = resources(template(policy(file))).stream()
                    .filter(r -> r.get("type").getAsString().equals("Microsoft.EventGrid/systemTopics/eventSubscriptions")).toList();
            assertEquals(1, subs.size(), file);
            JsonObject props = subs.get(0).getAsJsonObject("properties");
            String target = props.getAsJsonObject("destination").getAsJsonObject("properties").get("resourceId").getAsString();
            Matcher fn = Pattern.compile("/functions/(\\w+)'\\)]$").matcher(target);
            assertTrue(fn.find() && functions.contains(fn.group(1)) && fn.group(1).equals("ResourceChanged"), target);
            JsonObject filter = props.getAsJsonObject("filter");
            Set<String> types = new TreeSet<>();
            filter.getAsJsonArray("includedEventTypes").forEach(e -> types.add(e.getAsString()));
            assertEquals(new TreeSet<>(Set.of(EventTypes.RESOURCE_WRITE_SUCCESS, EventTypes.RESOURCE_DELETE_SUCCESS)), types);
            int values = 0;
            for (JsonElement f : filter.getAsJsonArray("advancedFilters")) {
                JsonElement v = f.getAsJsonObject().get("values");
                if (v.isJsonArray()) {
                    values += v.getAsJsonArray().size();
                } else {
                    assertEquals("[parameters('routedOperations')]", v.getAsString(), file);
                    assertEquals("data.operationName", f.getAsJsonObject().get("key").getAsString());
                    values += RoutedOperations.ALL.size();
                }
            }
            assertTrue(values <= 25, file + ": Event Grid allows 25 filter values across all advanced filters, got " + values);
            assertEquals("byokwatch-resource-changed", subs.get(0).get("name").getAsString().replaceAll(".*/", "").replace("')]", ""),
                    "the same name as infra/modules/resource-events.bicep gives it, so either finds the other's");
        }
        // the operations the assignment passes are the list the per-subscription filter uses, imported from it
        BicepFile mg = BicepParser.parse(Path.of("infra/management-group.bicep"));
        Decl imp = mg.all(Kind.IMPORT).get(0);
        assertEquals("modules/resource-events.bicep", imp.target());
        assertEquals(List.of("routedOperations"), imp.imported());
        Obj params = (Obj) ((Obj) mg.find(Kind.RESOURCE, "assignment").orElseThrow().body().get("properties").orElseThrow())
                .get("parameters").orElseThrow();
        Expr passed = ((Obj) params.get("routedOperations").orElseThrow()).get("value").orElseThrow();
        assertEquals("routedOperations", ((Ref) passed).name());
    }

    @Test
    void theReusePolicy_looksForTheSubscriptionNameTheTemplatesUse() {
        JsonObject reuse = policy("subscription-topic-reuse.json");
        assertEquals("byokwatch-resource-changed", details(reuse).get("name").getAsString());
        assertEquals("Microsoft.EventGrid/systemTopics/eventSubscriptions", details(reuse).get("type").getAsString());
        String ifClause = reuse.getAsJsonObject("policyRule").get("if").toString();
        assertTrue(ifClause.contains("Microsoft.Resources.Subscriptions"), "only subscription topics");
        JsonObject create = details(policy("subscription-topic.json"));
        assertEquals("Subscription", create.get("existenceScope").getAsString());
        assertTrue(create.get("existenceCondition").toString().contains("Microsoft.Resources.Subscriptions"),
                "any subscription topic counts: Azure allows one, and the reuse policy covers it");
    }

    @Test
    void theInitiativeAndAssignment_passEveryParameterThePoliciesNeed() {
        BicepFile mg = BicepParser.parse(Path.of("infra/management-group.bicep"));
        Obj set = (Obj) mg.find(Kind.RESOURCE, "onboarding").orElseThrow().body().get("properties").orElseThrow();
        Set<String> setParams = new TreeSet<>(((Obj) set.get("parameters").orElseThrow()).props().stream().map(BicepSyntax.Prop::key).toList());
        BicepSyntax.Arr refs = (BicepSyntax.Arr) set.get("policyDefinitions").orElseThrow();
        assertEquals(2, refs.items().size());
        for (int i = 0; i < 2; i++) {
            Obj ref = (Obj) refs.items().get(i);
            JsonObject definition = policy(POLICIES.get(i));
            assertEquals(List.of("newTopicDefinition", "reuseTopicDefinition").get(i),
                    BicepSyntax.references(ref.get("policyDefinitionId").orElseThrow()).iterator().next());
            Set<String> given = new TreeSet<>(((Obj) ref.get("parameters").orElseThrow()).props().stream().map(BicepSyntax.Prop::key).toList());
            assertEquals(new TreeSet<>(definition.getAsJsonObject("parameters").keySet()), given, POLICIES.get(i));
            assertTrue(setParams.containsAll(given));
        }
        Obj assigned = (Obj) ((Obj) mg.find(Kind.RESOURCE, "assignment").orElseThrow().body().get("properties").orElseThrow())
                .get("parameters").orElseThrow();
        assertEquals(setParams, new TreeSet<>(assigned.props().stream().map(BicepSyntax.Prop::key).toList()));
    }

    @Test
    void theRemediationIdentity_holdsTheRolesItsDeploymentsNeed_andNoBroaderOne() {
        BicepFile mg = BicepParser.parse(Path.of("infra/management-group.bicep"));
        Obj role = (Obj) mg.find(Kind.RESOURCE, "onboardingRole").orElseThrow().body().get("properties").orElseThrow();
        BicepSyntax.Arr actions = (BicepSyntax.Arr) ((Obj) ((BicepSyntax.Arr) role.get("permissions").orElseThrow()).items().get(0))
                .get("actions").orElseThrow();
        List<String> granted = actions.items().stream().map(e -> ((BicepSyntax.Str) e).literal()).toList();
        for (String file : POLICIES) {
            for (JsonObject r : resources(template(policy(file)))) {
                String type = r.get("type").getAsString();
                // RBAC names a resource group write after the subscription that holds it
                String action = (type.equalsIgnoreCase("Microsoft.Resources/resourceGroups")
                        ? "Microsoft.Resources/subscriptions/resourceGroups" : type) + "/write";
                assertTrue(granted.stream().anyMatch(g -> covers(g, action)), file + " deploys " + type + " but the role lacks " + action);
            }
        }
        assertFalse(granted.stream().anyMatch(g -> g.equals("*") || g.startsWith("Microsoft.Authorization")),
                "the remediation identity grants no access to anyone");
        // the assignment's identity gets that role at the group, and write on byokwatch's app (Event Grid checks it)
        Obj assignment = (Obj) mg.find(Kind.RESOURCE, "remediationRole").orElseThrow().body().get("properties").orElseThrow();
        assertTrue(BicepSyntax.references(assignment.get("roleDefinitionId").orElseThrow()).contains("onboardingRole"));
        assertTrue(BicepSyntax.references(assignment.get("principalId").orElseThrow()).contains("assignment"));
        Decl writer = mg.find(Kind.MODULE, "remediationWriter").orElseThrow();
        assertEquals("modules/function-app-writer.bicep", writer.target());
    }

    private static boolean covers(String granted, String action) {
        String g = granted.toLowerCase(Locale.ROOT);
        String a = action.toLowerCase(Locale.ROOT);
        return g.endsWith("/*") ? a.startsWith(g.substring(0, g.length() - 1)) : g.equals(a);
    }

    @Test
    void readerAtTheGroup_isForByokwatchsIdentity() {
        BicepFile mg = BicepParser.parse(Path.of("infra/management-group.bicep"));
        Obj props = (Obj) mg.find(Kind.RESOURCE, "readerAtGroup").orElseThrow().body().get("properties").orElseThrow();
        assertEquals("principalId", ((Ref) props.get("principalId").orElseThrow()).name());
        assertTrue(BicepSyntax.references(props.get("roleDefinitionId").orElseThrow()).contains("reader"));
    }
}
