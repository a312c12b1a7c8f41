// byokwatch for a whole management group, including subscriptions created (or moved in) later. Event Grid has no
// management-group topic, so a policy does per subscription what infra/main.bicep does for the ones it lists:
// the subscription's ARM event topic (new, or the existing one: Azure allows one) with byokwatch's event
// subscription on it. Deploy after infra/main.bicep has run and the code is published (Event Grid checks that the
// function exists), at the management group:
//   az deployment mg create --name byokwatch-mg --management-group-id <group> --location <region> --template-file infra/management-group.bicep --parameters principalId=<identityPrincipalId> functionAppId=<functionAppId>
// then start a remediation for the subscriptions that exist already (infra/README.md).
targetScope = 'managementGroup'

import {routedOperations} from 'modules/resource-events.bicep'

@description('Short name, as given to infra/main.bicep: names the topics and resource groups the same way.')
@minLength(3)
@maxLength(16)
param name string = 'byokwatch'

@description('Region of the policy assignment\'s identity and of the resource groups it creates for topics.')
param location string = deployment().location

@description('byokwatch\'s identity (infra/main.bicep output identityPrincipalId): Reader on the whole group.')
param principalId string

@description('byokwatch\'s Function App (infra/main.bicep output functionAppId): where every subscription\'s events go.')
param functionAppId string

@description('Resource group created in each subscription that has no ARM event topic yet, as infra/main.bicep names it.')
param eventGridResourceGroupName string = 'rg-${name}-events'

@description('DeployIfNotExists onboards subscriptions; AuditIfNotExists only reports the ones missing.')
@allowed(['DeployIfNotExists', 'AuditIfNotExists', 'Disabled'])
param effect string = 'DeployIfNotExists'

// Reader: the same reads as on a listed subscription, for every subscription under the group, now and later.
var reader = 'acdd72a7-3385-48ef-bd42-f606fba81ae7'
// Website Contributor on byokwatch's Function App only: Event Grid lets an identity subscribe a non-webhook
// destination only with write access to it.
var websiteContributor = 'de139f84-1756-47ae-9be6-808fbbe84772'
var newTopicPolicy = loadJsonContent('policy/subscription-topic.json')
var reuseTopicPolicy = loadJsonContent('policy/subscription-topic-reuse.json')
var remediationRoles = [
  onboardingRole.id
  tenantResourceId('Microsoft.Authorization/roleDefinitions', websiteContributor)
]

resource readerAtGroup 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(managementGroup().id, principalId, reader)
  properties: {
    roleDefinitionId: tenantResourceId('Microsoft.Authorization/roleDefinitions', reader)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// What the policy's deployments need in each subscription and no more: a resource group, a system topic and an
// event subscription, and the deployments that make them. No built-in role is this narrow.
resource onboardingRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(managementGroup().id, 'byokwatch-event-onboarding')
  properties: {
    roleName: 'byokwatch event onboarding (${managementGroup().name})'
    description: 'Creates a subscription\'s Event Grid system topic and byokwatch\'s event subscription on it; used by the byokwatch onboarding policy.'
    type: 'CustomRole'
    permissions: [
      {
        actions: [
          'Microsoft.Resources/subscriptions/resourceGroups/read'
          'Microsoft.Resources/subscriptions/resourceGroups/write'
          'Microsoft.Resources/deployments/*'
          'Microsoft.EventGrid/systemTopics/read'
          'Microsoft.EventGrid/systemTopics/write'
          'Microsoft.EventGrid/systemTopics/eventSubscriptions/read'
          'Microsoft.EventGrid/systemTopics/eventSubscriptions/write'
          'Microsoft.EventGrid/eventSubscriptions/write'
        ]
      }
    ]
    assignableScopes: [
      managementGroup().id
    ]
  }
}

// The policies come from JSON files (usable with az policy definition create as well); what depends on this
// deployment (the roles, the deployment region) is added here.
resource newTopicDefinition 'Microsoft.Authorization/policyDefinitions@2025-03-01' = {
  name: '${name}-subscription-topic'
  properties: union(newTopicPolicy, {
    policyType: 'Custom'
    policyRule: {
      'if': newTopicPolicy.policyRule['if']
      'then': {
        effect: newTopicPolicy.policyRule.then.effect
        details: union(newTopicPolicy.policyRule.then.details, {
          roleDefinitionIds: remediationRoles
          deployment: {
            location: location
            properties: newTopicPolicy.policyRule.then.details.deployment.properties
          }
        })
      }
    }
  })
}

resource reuseTopicDefinition 'Microsoft.Authorization/policyDefinitions@2025-03-01' = {
  name: '${name}-subscription-topic-reuse'
  properties: union(reuseTopicPolicy, {
    policyType: 'Custom'
    policyRule: {
      'if': reuseTopicPolicy.policyRule['if']
      'then': {
        effect: reuseTopicPolicy.policyRule.then.effect
        details: union(reuseTopicPolicy.policyRule.then.details, {
          roleDefinitionIds: remediationRoles
        })
      }
    }
  })
}

resource onboarding 'Microsoft.Authorization/policySetDefinitions@2025-03-01' = {
  name: '${name}-onboarding'
  properties: {
    policyType: 'Custom'
    displayName: 'byokwatch: every subscription\'s ARM events reach byokwatch'
    description: 'A new subscription topic where there is none, and byokwatch\'s event subscription on the existing one where there is.'
    metadata: {
      category: 'Event Grid'
      version: '1.0.0'
    }
    parameters: {
      effect: {
        type: 'String'
        allowedValues: ['DeployIfNotExists', 'AuditIfNotExists', 'Disabled']
        defaultValue: 'DeployIfNotExists'
      }
      functionAppId: {
        type: 'String'
      }
      routedOperations: {
        type: 'Array'
      }
      eventGridResourceGroupName: {
        type: 'String'
      }
      eventGridResourceGroupLocation: {
        type: 'String'
      }
      topicNamePrefix: {
        type: 'String'
      }
    }
    policyDefinitions: [
      {
        policyDefinitionId: newTopicDefinition.id
        policyDefinitionReferenceId: 'newTopic'
        parameters: {
          effect: { value: '[parameters(\'effect\')]' }
          functionAppId: { value: '[parameters(\'functionAppId\')]' }
          routedOperations: { value: '[parameters(\'routedOperations\')]' }
          eventGridResourceGroupName: { value: '[parameters(\'eventGridResourceGroupName\')]' }
          eventGridResourceGroupLocation: { value: '[parameters(\'eventGridResourceGroupLocation\')]' }
          topicNamePrefix: { value: '[parameters(\'topicNamePrefix\')]' }
        }
      }
      {
        policyDefinitionId: reuseTopicDefinition.id
        policyDefinitionReferenceId: 'existingTopic'
        parameters: {
          effect: { value: '[parameters(\'effect\')]' }
          functionAppId: { value: '[parameters(\'functionAppId\')]' }
          routedOperations: { value: '[parameters(\'routedOperations\')]' }
        }
      }
    ]
  }
}

resource assignment 'Microsoft.Authorization/policyAssignments@2024-04-01' = {
  name: '${name}-onboarding'
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    displayName: 'byokwatch: every subscription\'s ARM events reach byokwatch'
    policyDefinitionId: onboarding.id
    parameters: {
      effect: { value: effect }
      functionAppId: { value: functionAppId }
      routedOperations: { value: routedOperations }
      eventGridResourceGroupName: { value: eventGridResourceGroupName }
      eventGridResourceGroupLocation: { value: location }
      topicNamePrefix: { value: 'evgt-${name}' }
    }
  }
}

resource remediationRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(managementGroup().id, assignment.id, 'byokwatch-event-onboarding')
  properties: {
    roleDefinitionId: onboardingRole.id
    principalId: assignment.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

module remediationWriter 'modules/function-app-writer.bicep' = {
  name: '${name}-onboarding-app-writer'
  scope: resourceGroup(split(functionAppId, '/')[2], split(functionAppId, '/')[4])
  params: {
    functionAppName: last(split(functionAppId, '/'))
    principalId: assignment.identity.principalId
  }
}

output policyAssignmentId string = assignment.id
output remediationPrincipalId string = assignment.identity.principalId
