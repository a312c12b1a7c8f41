// One subscription byokwatch watches (or that holds a BYOK vault): Reader for byokwatch's identity, byokwatch's
// event subscription on the subscription's ARM events (on a new system topic or the existing one), and optionally
// the built-in CMK policy, so prevention and detection ship together.
targetScope = 'subscription'

param name string
param location string
param principalId string
param eventGridResourceGroupName string
@description('ARM id of this subscription\'s existing Microsoft.Resources.Subscriptions system topic; empty creates one. Azure allows one per subscription.')
param existingTopicId string
param functionAppId string
@description('Storage account for dead letters (no managed identity: a subscription topic is global); empty: none.')
param deadLetterStorageId string
param deployEventSubscriptions bool
@allowed(['None', 'Audit', 'Deny'])
param cmkPolicyEffect string

// Reader: ARM reads of clusters, disk encryption sets, vaults and keys (management plane, no key material), Resource
// Graph queries, and role assignments on vaults. byokwatch writes nothing in watched subscriptions.
var reader = 'acdd72a7-3385-48ef-bd42-f606fba81ae7'
// Built-in policy: both operating systems and data disks in AKS clusters should be encrypted by customer-managed keys.
var aksCmkPolicy = '7d7be79c-23ba-4033-84dd-45e2a5ccdd67'
var reuseTopic = !empty(existingTopicId)

resource readerAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, principalId, reader)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', reader)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource eventsGroup 'Microsoft.Resources/resourceGroups@2024-03-01' = if (!reuseTopic) {
  name: eventGridResourceGroupName
  location: location
}

module events 'resource-events.bicep' = {
  name: '${name}-resource-events'
  scope: resourceGroup(reuseTopic ? split(existingTopicId, '/')[2] : subscription().subscriptionId, reuseTopic ? split(existingTopicId, '/')[4] : eventGridResourceGroupName)
  params: {
    topicName: reuseTopic ? last(split(existingTopicId, '/')) : 'evgt-${name}-${subscription().subscriptionId}'
    createTopic: !reuseTopic
    functionAppId: functionAppId
    deadLetterStorageId: deadLetterStorageId
    deployEventSubscriptions: deployEventSubscriptions
  }
  dependsOn: [eventsGroup]
}

resource cmkPolicy 'Microsoft.Authorization/policyAssignments@2024-04-01' = if (cmkPolicyEffect != 'None') {
  name: 'byokwatch-aks-cmk'
  properties: {
    displayName: 'AKS OS and data disks must use customer-managed keys (assigned with byokwatch)'
    policyDefinitionId: tenantResourceId('Microsoft.Authorization/policyDefinitions', aksCmkPolicy)
    parameters: {
      effect: {
        value: cmkPolicyEffect
      }
    }
  }
}

output topicName string = reuseTopic ? last(split(existingTopicId, '/')) : 'evgt-${name}-${subscription().subscriptionId}'
