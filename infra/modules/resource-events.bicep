// The subscription's ARM events (Microsoft.Resources.Subscriptions system topic) to the ResourceChanged function,
// filtered on data.operationName to exactly the operations byokwatch routes (io.byokwatch.impact.RoutedOperations).
// Deployed in the topic's resource group: a new topic there, or the subscription's existing one (one per source).
param topicName string
param createTopic bool
param functionAppId string
@description('Storage account for dead letters; empty: none (the hourly Reconcile catches what Event Grid gives up on).')
param deadLetterStorageId string
param deployEventSubscriptions bool

@export()
var routedOperations = [
  'Microsoft.ContainerService/managedClusters/write'
  'Microsoft.ContainerService/managedClusters/delete'
  'Microsoft.ContainerService/managedClusters/agentPools/write'
  'Microsoft.ContainerService/managedClusters/agentPools/delete'
  'Microsoft.Compute/diskEncryptionSets/write'
  'Microsoft.Compute/diskEncryptionSets/delete'
  'Microsoft.Compute/disks/write'
  'Microsoft.Compute/disks/delete'
  'Microsoft.Compute/snapshots/write'
  'Microsoft.Compute/snapshots/delete'
  'Microsoft.KeyVault/vaults/write'
  'Microsoft.KeyVault/vaults/delete'
  'Microsoft.KeyVault/vaults/accessPolicies/write'
  'Microsoft.KeyVault/vaults/keys/write'
  'Microsoft.KeyVault/vaults/privateEndpointConnections/write'
  'Microsoft.KeyVault/vaults/privateEndpointConnections/delete'
  'Microsoft.KeyVault/managedHSMs/write'
  'Microsoft.KeyVault/managedHSMs/delete'
  'Microsoft.KeyVault/managedHSMs/keys/write'
  'Microsoft.Authorization/roleAssignments/write'
  'Microsoft.Authorization/roleAssignments/delete'
  'Microsoft.ManagedIdentity/userAssignedIdentities/delete'
  'Microsoft.Network/privateEndpoints/delete'
]

// A subscription topic lives in location 'global', where Event Grid gives topics no managed identity: no identity,
// so no identity-based dead-lettering either.
resource newTopic 'Microsoft.EventGrid/systemTopics@2022-06-15' = if (createTopic) {
  name: topicName
  location: 'global'
  properties: {
    source: subscription().id
    topicType: 'Microsoft.Resources.Subscriptions'
  }
}

resource topic 'Microsoft.EventGrid/systemTopics@2022-06-15' existing = {
  name: topicName
}

resource toFunction 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = if (deployEventSubscriptions) {
  parent: topic
  name: 'byokwatch-resource-changed'
  properties: union({
    eventDeliverySchema: 'EventGridSchema'
    destination: {
      endpointType: 'AzureFunction'
      properties: {
        resourceId: '${functionAppId}/functions/ResourceChanged'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    filter: {
      includedEventTypes: [
        'Microsoft.Resources.ResourceWriteSuccess'
        'Microsoft.Resources.ResourceDeleteSuccess'
      ]
      advancedFilters: [
        {
          operatorType: 'StringIn'
          key: 'data.operationName'
          values: routedOperations
        }
      ]
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }, empty(deadLetterStorageId) ? {} : {
    deadLetterDestination: {
      endpointType: 'StorageBlob'
      properties: {
        resourceId: deadLetterStorageId
        blobContainerName: 'eventgrid-deadletter'
      }
    }
  })
  dependsOn: [newTopic]
}
