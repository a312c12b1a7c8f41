// A vault's Key Vault system topic (new, in the vault's region, or the vault's existing one) and byokwatch's event
// subscription on it. A new topic gets its own identity and writes dead letters to byokwatch's storage with it: the
// role is assigned before the event subscription, which Event Grid checks when the subscription is created. An
// existing topic's identity is not byokwatch's to change, so its subscription has no dead-lettering (Reconcile).
param topicName string
param createTopic bool
param vaultId string
param vaultLocation string
param functionAppId string
param deadLetterStorageId string
param deployEventSubscriptions bool

resource newTopic 'Microsoft.EventGrid/systemTopics@2022-06-15' = if (createTopic) {
  name: topicName
  location: vaultLocation
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    source: vaultId
    topicType: 'Microsoft.KeyVault.vaults'
  }
}

resource topic 'Microsoft.EventGrid/systemTopics@2022-06-15' existing = {
  name: topicName
}

module deadLetterWriter 'deadletter-writer.bicep' = if (createTopic) {
  name: 'byokwatch-dlw-${uniqueString(vaultId)}'
  scope: resourceGroup(split(deadLetterStorageId, '/')[2], split(deadLetterStorageId, '/')[4])
  params: {
    storageName: last(split(deadLetterStorageId, '/'))
    principalId: newTopic!.identity.principalId
  }
}

resource toFunction 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = if (deployEventSubscriptions) {
  parent: topic
  name: 'byokwatch-keyvault-changed'
  properties: union({
    eventDeliverySchema: 'EventGridSchema'
    destination: {
      endpointType: 'AzureFunction'
      properties: {
        resourceId: '${functionAppId}/functions/KeyVaultChanged'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    filter: {
      includedEventTypes: [
        'Microsoft.KeyVault.KeyNewVersionCreated'
        'Microsoft.KeyVault.KeyNearExpiry'
        'Microsoft.KeyVault.KeyExpired'
        'Microsoft.KeyVault.VaultAccessPolicyChanged'
      ]
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }, createTopic ? {
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: deadLetterStorageId
          blobContainerName: 'eventgrid-deadletter'
        }
      }
    }
  } : {})
  dependsOn: [newTopic, deadLetterWriter]
}
