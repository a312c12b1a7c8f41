// One vault holding BYOK keys: AuditEvent logs to the workspace (for the access report) and byokwatch's event
// subscription on the vault's Key Vault system topic (key versions, near expiry, expiry, access policy changes).
param vaultName string
param workspaceId string
@allowed(['Dedicated', 'AzureDiagnostics'])
param auditLogDestinationType string
@description('False when the vault already sends AuditEvent to this workspace through another setting: Azure refuses a second setting with the same workspace ("Data sink ... is already used").')
param createAuditDiagnostics bool
@description('ARM id of the vault\'s existing Microsoft.KeyVault.vaults system topic; empty creates one. Azure allows one per vault.')
param existingTopicId string
param functionAppId string
param deadLetterStorageId string
param deployEventSubscriptions bool

var reuseTopic = !empty(existingTopicId)

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: vaultName
}

resource audit 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (createAuditDiagnostics) {
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

module events 'keyvault-events.bicep' = {
  name: 'byokwatch-vault-events-${uniqueString(vault.id)}'
  scope: resourceGroup(reuseTopic ? split(existingTopicId, '/')[2] : subscription().subscriptionId, reuseTopic ? split(existingTopicId, '/')[4] : resourceGroup().name)
  params: {
    topicName: reuseTopic ? last(split(existingTopicId, '/')) : 'evgt-${vaultName}'
    createTopic: !reuseTopic
    vaultId: vault.id
    // A system topic must be in its source's region, and a vault need not be in its resource group's region.
    vaultLocation: vault.location
    functionAppId: functionAppId
    deadLetterStorageId: deadLetterStorageId
    deployEventSubscriptions: deployEventSubscriptions
  }
}
