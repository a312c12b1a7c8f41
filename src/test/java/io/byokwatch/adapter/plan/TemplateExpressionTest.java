package io.byokwatch.adapter.plan;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Template expressions as the ARM template function reference describes them (learn.microsoft.com, template-functions). */
class TemplateExpressionTest {
    private static final Map<String, JsonElement> PARAMETERS = Map.of(
            "name", new JsonPrimitive("pay"),
            "pools", JsonParser.parseString("[{\"name\": \"sys\"}, {\"name\": \"usr\"}]"),
            "flag", new JsonPrimitive(true));

    private static final TemplateEvaluator.Context CONTEXT = new TemplateEvaluator.Context() {
        @Override
        public JsonElement parameter(String name) {
            return PARAMETERS.getOrDefault(name, TemplateValues.unknown("no parameter " + name));
        }

        @Override
        public JsonElement variable(String name) {
            return new JsonPrimitive("var-" + name);
        }

        @Override
        public Integer copyIndex(String loop) {
            return 1;
        }

        @Override
        public TemplateScope scope() {
            return TemplateScope.of("00000000-1111-2222-3333-444444444444", "rg-pay");
        }

        @Override
        public JsonElement reference(String id, boolean full) {
            return TemplateValues.unknown(id + " is outside");
        }
    };

    private static String eval(String expression) {
        JsonElement e = new TemplateEvaluator(CONTEXT).value(new JsonPrimitive(expression));
        return TemplateValues.isUnknown(e) ? "?" + TemplateValues.reason(e) : TemplateFunctions.asText(e);
    }

    @Test
    void resourceId_takesTheOptionalScopeFromArgumentsWithoutASlash() {
        assertEquals("/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-pay/providers/Microsoft.Compute/diskEncryptionSets/des-pay",
                eval("[resourceId('Microsoft.Compute/diskEncryptionSets', concat('des-', parameters('name')))]"));
        assertEquals("/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv/keys/k",
                eval("[resourceId('rg-keys', 'Microsoft.KeyVault/vaults/keys', 'kv', 'k')]"));
        assertEquals("/subscriptions/s2/resourceGroups/rg2/providers/Microsoft.KeyVault/vaults/kv",
                eval("[resourceId('s2', 'rg2', 'Microsoft.KeyVault/vaults', 'kv')]"));
        assertEquals("/subscriptions/00000000-1111-2222-3333-444444444444/providers/Microsoft.Authorization/roleDefinitions/e147488a-f6f5-4113-8e2d-b22465e65bf6",
                eval("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'e147488a-f6f5-4113-8e2d-b22465e65bf6')]"));
    }

    @Test
    void formatConcatIndexAndProperty() {
        assertEquals("pay/user1", eval("[format('{0}/user{1}', parameters('name'), copyIndex())]"));
        assertEquals("usr", eval("[parameters('pools')[copyIndex()].name]"));
        assertEquals("2", eval("[length(parameters('pools'))]"));
        assertEquals("[\"a\",\"b\",\"c\"]", eval("[concat(createArray('a'), createArray('b', 'c'))]"));
        assertEquals("it's", eval("['it''s']"));
        assertEquals("[not an expression]", eval("[[not an expression]"));
        assertEquals("rg-pay", eval("[resourceGroup().name]"));
    }

    @Test
    void conditionals_evaluateOnlyTheBranchTaken() {
        assertEquals("yes", eval("[if(parameters('flag'), 'yes', reference('elsewhere').x)]"));
        assertEquals("pay", eval("[coalesce(null(), parameters('name'))]"));
        assertEquals("true", eval("[equals(toLower('ABC'), 'abc')]"));
        assertEquals("true", eval("[and(parameters('flag'), not(false()))]"));
    }

    @Test
    void whatOnlyTheDeploymentKnows_isUnknownWithTheReason_orAStableStandIn() {
        assertTrue(eval("[reference('x').keyUri]").startsWith("?x is outside"));
        assertTrue(eval("[utcNow()]").contains("evaluated only at deployment"));
        String a = eval("[uniqueString(resourceGroup().id)]");
        assertEquals(a, eval("[uniqueString(resourceGroup().id)]"), "the same inputs give the same stand-in");
        assertTrue(a.startsWith(TemplateValues.DEPLOYMENT));
        assertTrue(eval("[parameters('missing')]").startsWith("?no parameter missing"));
        assertTrue(eval("[int('seven')]").contains("int() cannot be evaluated"), "a bad argument is unknown, not a crash");
    }

    @Test
    void propertyCopy_buildsTheArray() {
        JsonObject raw = JsonParser.parseString("{\"copy\": [{\"name\": \"agentPoolProfiles\", \"count\": \"[length(parameters('pools'))]\","
                + " \"input\": {\"name\": \"[parameters('pools')[copyIndex('agentPoolProfiles')].name]\"}}]}").getAsJsonObject();
        JsonElement built = new TemplateEvaluator(CONTEXT).value(raw);
        assertEquals("[{\"name\":\"sys\"},{\"name\":\"usr\"}]", built.getAsJsonObject().get("agentPoolProfiles").toString());
    }

    @Test
    void malformedExpression_saysWhere() {
        TemplateExpression.SyntaxError e = assertThrows(TemplateExpression.SyntaxError.class,
                () -> TemplateExpression.parse("concat('a', "));
        assertTrue(e.getMessage().contains("[concat('a', ]"), e.getMessage());
    }
}
