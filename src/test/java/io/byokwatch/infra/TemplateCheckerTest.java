package io.byokwatch.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checker must fail on each mistake the Bicep compiler refuses, or its passing the real templates means nothing. */
class TemplateCheckerTest {
    @TempDir
    Path dir;

    private static final String TOPIC = """
            resource topic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
              name: 'evgt'
              location: 'global'
              properties: {
                source: subscription().id
                topicType: 'Microsoft.Resources.Subscriptions'
              }
            }
            """;

    private List<String> check(String main) throws IOException {
        Path file = dir.resolve("main.bicep");
        Files.writeString(file, main);
        return new TemplateChecker(BicepTypes.load()).check(file);
    }

    private static void assertOneProblem(List<String> problems, String... fragments) {
        assertEquals(1, problems.size(), problems.toString());
        for (String f : fragments) {
            assertTrue(problems.get(0).contains(f), problems.get(0) + " lacks " + f);
        }
    }

    @Test
    void aCorrectTemplate_hasNoProblems() throws IOException {
        assertEquals(List.of(), check(TOPIC));
    }

    @Test
    void aMisspeltTopLevelProperty_fails() throws IOException {
        assertOneProblem(check(TOPIC.replace("  properties: {", "  propertes: {")), "topic.propertes", "did you mean 'properties'");
    }

    @Test
    void aMisspeltNestedProperty_fails() throws IOException {
        assertOneProblem(check(TOPIC.replace("topicType:", "topicTyp:")), "topic.properties.topicTyp", "did you mean 'topicType'");
    }

    @Test
    void aPropertyInTheWrongCase_fails() throws IOException {
        assertOneProblem(check(TOPIC.replace("source:", "Source:")), "did you mean 'source'");
    }

    @Test
    void aReadOnlyProperty_fails() throws IOException {
        assertOneProblem(check(TOPIC.replace("    source:", "    provisioningState: 'Succeeded'\n    source:")), "read-only");
    }

    @Test
    void anApiVersionMissingFromTheIndex_fails() throws IOException {
        assertOneProblem(check(TOPIC.replace("@2022-06-15", "@2022-06-16")), "not in the Bicep type index", "2025-02-15");
    }

    @Test
    void aMissingRequiredProperty_fails() throws IOException {
        assertOneProblem(check(TOPIC.replace("  location: 'global'\n", "")), "requires 'location'");
    }

    private static final String SUBSCRIPTION = """
            resource topic 'Microsoft.EventGrid/systemTopics@2022-06-15' existing = {
              name: 'evgt'
            }
            resource sub 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = {
              parent: topic
              name: 'byokwatch'
              properties: union({
                eventDeliverySchema: 'EventGridSchema'
                destination: {
                  endpointType: 'AzureFunction'
                  properties: {
                    resourceId: '/subscriptions/x/functions/ResourceChanged'
                    maxEventsPerBatch: 1
                  }
                }
                filter: {
                  advancedFilters: [
                    {
                      operatorType: 'StringIn'
                      key: 'data.operationName'
                      values: ['a', 'b']
                    }
                  ]
                }
              }, empty('x') ? {} : {
                deadLetterDestination: {
                  endpointType: 'StorageBlob'
                  properties: {
                    resourceId: 'x'
                    blobContainerName: 'c'
                  }
                }
              })
            }
            """;

    @Test
    void discriminatedUnionsArraysAndMergedObjects_areWalked() throws IOException {
        assertEquals(List.of(), check(SUBSCRIPTION));
        assertOneProblem(check(SUBSCRIPTION.replace("maxEventsPerBatch", "maxEventsPerBtach")), "destination.properties.maxEventsPerBtach");
        assertOneProblem(check(SUBSCRIPTION.replace("key: 'data", "kee: 'data")), "advancedFilters[0].kee");
        assertOneProblem(check(SUBSCRIPTION.replace("blobContainerName", "containerName")), "deadLetterDestination.properties.containerName");
        assertOneProblem(check(SUBSCRIPTION.replace("'AzureFunction'", "'AzureFunctions'")), "endpointType", "'AzureFunctions' is not one of");
        // an enum the REST spec leaves open (modelAsString) takes any string, as in Bicep
        assertEquals(List.of(), check(SUBSCRIPTION.replace("'EventGridSchema'", "'EventGridSchemaV2'")));
        assertOneProblem(check(SUBSCRIPTION.replace("maxEventsPerBatch: 1", "maxEventsPerBatch: 'one'")), "where an int is expected");
    }

    @Test
    void anExistingResourceWithProperties_fails() throws IOException {
        assertOneProblem(check(SUBSCRIPTION.replace("  name: 'evgt'\n", "  name: 'evgt'\n  location: 'global'\n")), "existing resource");
    }

    @Test
    void aResourceAtAScopeItsTypeDoesNotAllow_fails() throws IOException {
        assertOneProblem(check("""
                resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
                  name: 'rg'
                  location: 'westeurope'
                }
                """), "cannot be deployed at resourceGroup", "subscription");
        assertEquals(List.of(), check("targetScope = 'subscription'\n" + """
                resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
                  name: 'rg'
                  location: 'westeurope'
                }
                """));
    }

    @Test
    void anUndeclaredSymbolOrUnknownFunction_fails() throws IOException {
        assertOneProblem(check(TOPIC.replace("subscription().id", "subscripton().id")), "unknown function subscripton()");
        assertOneProblem(check(TOPIC.replace("'evgt'", "topicNmae")), "'topicNmae' is not declared");
    }

    @Test
    void moduleParametersAndOutputs_mustLineUp() throws IOException {
        Files.writeString(dir.resolve("child.bicep"), """
                param topicName string
                @allowed(['global'])
                param where string = 'global'
                output id string = topicName
                """);
        String main = """
                module child 'child.bicep' = {
                  name: 'child'
                  params: {
                    topicName: 'x'
                  }
                }
                output id string = child.outputs.id
                """;
        assertEquals(List.of(), check(main));
        assertOneProblem(check(main.replace("topicName: 'x'", "topicName: 'x'\n    topicNmae: 'y'")), "has no parameter 'topicNmae'");
        assertOneProblem(check(main.replace("    topicName: 'x'\n", "")), "requires parameter 'topicName'");
        assertOneProblem(check(main.replace("topicName: 'x'", "topicName: true")), "is bool but declared string");
        assertOneProblem(check(main.replace("topicName: 'x'", "topicName: 'x'\n    where: 'westeurope'")), "@allowed");
        assertOneProblem(check(main.replace("child.outputs.id", "child.outputs.ids")), "has no output 'ids'");
        assertOneProblem(check(main.replace("name: 'child'", "name: 'child'\n  scope: subscription()")),
                "targets resourceGroup but is deployed at subscription");
    }

    @Test
    void aModuleScopeFromAModuleOutput_isBcp120() throws IOException {
        Files.writeString(dir.resolve("child.bicep"), "param workspaceName string\noutput id string = workspaceName\n");
        List<String> problems = check("""
                targetScope = 'subscription'
                module first 'child.bicep' = {
                  name: 'first'
                  scope: resourceGroup('rg')
                  params: {
                    workspaceName: 'w'
                  }
                }
                var workspaceId = first.outputs.id
                module second 'child.bicep' = {
                  name: 'second'
                  scope: resourceGroup(split(workspaceId, '/')[4])
                  params: {
                    workspaceName: last(split(workspaceId, '/'))
                  }
                }
                """);
        assertOneProblem(problems, "second scope", "BCP120", "first.outputs", "through variable workspaceId");
    }

    @Test
    void anImportOfASymbolThatIsNotExported_fails() throws IOException {
        Files.writeString(dir.resolve("lists.bicep"), "@export()\nvar ops = ['a']\nvar hidden = ['b']\n");
        assertEquals(List.of(), check("import {ops} from 'lists.bicep'\noutput o array = ops\n"));
        assertOneProblem(check("import {hidden} from 'lists.bicep'\noutput o array = hidden\n"), "exports no 'hidden'");
    }

    @Test
    void aJsonFileLoadedIntoAResource_isCheckedToo() throws IOException {
        Files.writeString(dir.resolve("props.json"), "{\"source\": \"/subscriptions/x\", \"topicTyp\": \"Microsoft.Resources.Subscriptions\"}");
        assertOneProblem(check("""
                resource topic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
                  name: 'evgt'
                  location: 'global'
                  properties: loadJsonContent('props.json')
                }
                """), "topic.properties.topicTyp");
    }

    @Test
    void anArmTemplateInsideAPolicy_isCheckedDownItsNestedDeployments() {
        String template = """
                {"$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
                 "parameters": {"rg": {"type": "string"}},
                 "resources": [
                   {"type": "Microsoft.Resources/resourceGroups", "apiVersion": "2024-03-01", "name": "[parameters('rg')]", "location": "westeurope"},
                   {"type": "Microsoft.Resources/deployments", "apiVersion": "2024-03-01", "name": "inner", "resourceGroup": "[parameters('rg')]",
                    "properties": {"mode": "Incremental", "template": {
                      "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                      "parameters": {"topic": {"type": "string"}},
                      "resources": [{"type": "Microsoft.EventGrid/systemTopics", "apiVersion": "2022-06-15", "name": "[parameters('topic')]",
                        "location": "global", "properties": {"source": "[subscription().id]", "topicType": "x"}}]}}}
                 ]}
                """;
        TemplateChecker checker = new TemplateChecker(BicepTypes.load());
        assertEquals(List.of(), checker.checkArmTemplate(com.google.gson.JsonParser.parseString(template).getAsJsonObject(), "t"));
        assertOneProblem(checker.checkArmTemplate(com.google.gson.JsonParser.parseString(template.replace("\"topicType\"", "\"topicTipe\""))
                .getAsJsonObject(), "t"), "t > inner Microsoft.EventGrid/systemTopics.properties.topicTipe");
        assertOneProblem(checker.checkArmTemplate(com.google.gson.JsonParser.parseString(template.replace("\"name\": \"[parameters('topic')]\"",
                "\"name\": \"[parameters('topics')]\"")).getAsJsonObject(), "t"), "parameters('topics') is not declared");
        assertOneProblem(checker.checkArmTemplate(com.google.gson.JsonParser.parseString(template.replace("subscriptionDeploymentTemplate",
                "deploymentTemplate")).getAsJsonObject(), "t"), "Microsoft.Resources/resourceGroups: cannot be deployed at resourceGroup");
    }
}
