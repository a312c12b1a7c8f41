package io.byokwatch.infra;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The templates against the official Bicep type definitions, the checks the compiler would make: every resource
 * type and API version exists, every property path set exists in its type, every resource is deployable where it is
 * declared, module parameters and outputs line up, and scopes and names are known when the deployment starts.
 */
class InfraTypesTest {
    @Test
    void subscriptionDeployment_passesTheCompilersChecks() {
        TemplateChecker checker = new TemplateChecker(BicepTypes.load());
        assertEquals(List.of(), checker.check(Path.of("infra/main.bicep")));
        // the walk reached the leaves, not just the top: a checker that matched nothing would pass anything
        assertTrue(checker.checkedPaths().size() >= 100, checker.checkedPaths().size() + " paths");
        for (String deep : List.of("keyvault-events.bicep toFunction.properties.destination.properties.resourceId",
                "resource-events.bicep toFunction.properties.filter.advancedFilters[0].values",
                "app.bicep site.properties.functionAppConfig.deployment.storage.authentication.userAssignedIdentityResourceId",
                "app.bicep appSettings.properties.BYOKWATCH_POLICY_FILE",
                "keyvault-watch.bicep audit.properties.logs[0].category")) {
            assertTrue(checker.checkedPaths().contains(deep), deep + " was not checked: " + checker.checkedPaths());
        }
    }

    @Test
    void managementGroupDeployment_passesTheCompilersChecks() {
        TemplateChecker checker = new TemplateChecker(BicepTypes.load());
        assertEquals(List.of(), checker.check(Path.of("infra/management-group.bicep")));
        for (String deep : List.of("management-group.bicep onboardingRole.properties.permissions[0].actions",
                "management-group.bicep assignment.identity.type",
                "management-group.bicep newTopicDefinition.properties.mode",
                "management-group.bicep newTopicDefinition.properties.parameters",
                "management-group.bicep onboarding.properties.policyDefinitions[0].policyDefinitionReferenceId")) {
            assertTrue(checker.checkedPaths().contains(deep), deep + " was not checked: " + checker.checkedPaths());
        }
    }
}
