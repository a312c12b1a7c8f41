// One vault holding BYOK keys: AuditEvent logs to the workspace (for the access report) and its Key Vault system
// topic (key versions, near expiry, expiry, access policy changes) to the KeyVaultChanged function.
param vaultName string
param workspaceId string
@allowed(['Dedicated', 'AzureDiagnostics'])
param auditLogDestinationType string
param functionAppId string
param deadLetterStorageId string
param deployEventSubscriptions bool

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: vaultName
}

resource audit 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'byokwatch-audit'
  scope: vault
  // Omitting the destination type keeps the legacy AzureDiagnostics table; Dedicated writes AZKVAuditLogs.
  properties: union({
    workspaceId: workspaceId
    logs: [
      {
        category: 'AuditEvent'
        enabled: true
      }
    ]
  }, auditLogDestinationType == 'Dedicated' ? { logAnalyticsDestinationType: 'Dedicated' } : {})
}

resource topic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: 'evgt-${vaultName}'
  location: resourceGroup().location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    source: vault.id
    topicType: 'Microsoft.KeyVault.vaults'
  }
}

resource toFunction 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = if (deployEventSubscriptions) {
  parent: topic
  name: 'byokwatch-keyvault-changed'
  properties: {
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
  }
}

output topicPrincipalId string = topic.identity.principalId
