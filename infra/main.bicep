// byokwatch: event-driven proof that AKS clusters stay encrypted with customer-managed keys.
// Deploy at subscription scope (the "home" subscription that hosts byokwatch):
//   az deployment sub create -l <region> -f infra/main.bicep -p @infra/main.parameters.json
// Targets Azure CLI 2.60+ and Bicep 0.30+ (az bicep upgrade).
targetScope = 'subscription'

@description('Short name used to derive resource names, e.g. byokwatch.')
@minLength(3)
@maxLength(16)
param name string = 'byokwatch'

@description('Region for byokwatch itself (the Function App must be in a region that offers Flex Consumption).')
param location string = deployment().location

@description('Resource group that hosts byokwatch; created if missing.')
param resourceGroupName string = 'rg-${name}'

@description('Subscriptions byokwatch watches: it gets Reader on each and an Event Grid system topic on each.')
@minLength(1)
param watchedSubscriptionIds array

@description('Optional management group id to scope Resource Graph queries to (BYOKWATCH_MANAGEMENT_GROUP). The identity must be given Reader there separately.')
param managementGroupId string = ''

@description('Resource group created in every watched subscription to hold its Event Grid system topic.')
param eventGridResourceGroupName string = 'rg-${name}-events'

@description('ARM ids of the key vaults that hold BYOK keys: each gets AuditEvent diagnostics to the workspace and a Key Vault system topic to KeyVaultChanged.')
param byokVaultIds array = []

@description('Existing Log Analytics workspace ARM id for Key Vault audit logs; empty creates one in the byokwatch group.')
param logAnalyticsWorkspaceId string = ''

@description('Key Vault audit log table: Dedicated writes the resource-specific AZKVAuditLogs table, AzureDiagnostics the legacy one.')
@allowed(['Dedicated', 'AzureDiagnostics'])
param auditLogDestinationType string = 'Dedicated'

@description('Create the Event Grid subscriptions. The functions must exist first: deploy with false, publish the code, deploy again with true.')
param deployEventSubscriptions bool = true

@description('NCRONTAB schedule of the Reconcile sweep.')
param reconcileSchedule string = '0 0 * * * *'

@description('ARM id of a key vault holding notification channel secrets (webhook URLs, signing secrets) referenced from app settings; never a BYOK vault. Empty: set the secrets as plain app settings.')
param channelSecretsVaultId string = ''

@description('Notification channel settings, e.g. {"SLACK_PAYMENTS_URL": "@Microsoft.KeyVault(SecretUri=https://kv-byokwatch-cfg.vault.azure.net/secrets/slack-payments/)"}.')
param channelSettings object = {}

@description('Assign the built-in policy "Both operating systems and data disks in AKS clusters should be encrypted by customer-managed keys" to every watched subscription.')
@allowed(['None', 'Audit', 'Deny'])
param cmkPolicyEffect string = 'None'

@description('Notification routing config: inline JSON or a file path on the app (see examples/notify.json). Channel URLs and secrets are referenced by setting name and supplied through channelSettings.')
param notifyConfig string = ''

@description('NCRONTAB schedule of the daily reminder of what is still open.')
param reminderSchedule string = '0 0 8 * * *'

@description('NCRONTAB schedule of the nightly Key Vault access report.')
param accessReportSchedule string = '0 0 2 * * *'

@description('NCRONTAB schedule of the nightly KPI dashboard, kept in the reports container.')
param kpiReportSchedule string = '0 30 2 * * *'

@description('NCRONTAB schedule of the weekly KPI digest (route kind kpi): Mondays 08:00 UTC by default.')
param kpiDigestSchedule string = '0 0 8 * * 1'

@description('Policy file (JSON) path on the app, e.g. /home/site/wwwroot/policy.json; empty uses the built-in default policy.')
param policyFile string = ''

var token = toLower(uniqueString(subscription().id, name, location))

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: resourceGroupName
  location: location
}

module workspace 'modules/workspace.bicep' = if (empty(logAnalyticsWorkspaceId)) {
  name: '${name}-workspace'
  scope: rg
  params: {
    name: 'log-${name}-${token}'
    location: location
  }
}

var workspaceId = empty(logAnalyticsWorkspaceId) ? workspace!.outputs.id : logAnalyticsWorkspaceId

module workspaceInfo 'modules/workspace-info.bicep' = {
  name: '${name}-workspace-info'
  scope: resourceGroup(split(workspaceId, '/')[2], split(workspaceId, '/')[4])
  params: {
    workspaceName: last(split(workspaceId, '/'))
  }
}

module app 'modules/app.bicep' = {
  name: '${name}-app'
  scope: rg
  params: {
    name: name
    token: token
    location: location
    watchedSubscriptionIds: watchedSubscriptionIds
    managementGroupId: managementGroupId
    workspaceId: workspaceId
    reconcileSchedule: reconcileSchedule
    channelSettings: channelSettings
    policyFile: policyFile
    notifyConfig: notifyConfig
    reminderSchedule: reminderSchedule
    workspaceCustomerId: workspaceInfo.outputs.customerId
    auditTable: auditLogDestinationType == 'Dedicated' ? 'AZKVAuditLogs' : 'AzureDiagnostics'
    accessReportSchedule: accessReportSchedule
    kpiReportSchedule: kpiReportSchedule
    kpiDigestSchedule: kpiDigestSchedule
  }
}

module workspaceReader 'modules/workspace-reader.bicep' = {
  name: '${name}-workspace-reader'
  scope: resourceGroup(split(workspaceId, '/')[2], split(workspaceId, '/')[4])
  params: {
    workspaceName: last(split(workspaceId, '/'))
    principalId: app.outputs.principalId
  }
}

module channelSecrets 'modules/secrets-reader.bicep' = if (!empty(channelSecretsVaultId)) {
  name: '${name}-channel-secrets'
  scope: resourceGroup(split(channelSecretsVaultId, '/')[2], split(channelSecretsVaultId, '/')[4])
  params: {
    vaultName: last(split(channelSecretsVaultId, '/'))
    principalId: app.outputs.principalId
  }
}

module watch 'modules/watch-subscription.bicep' = [for sub in watchedSubscriptionIds: {
  name: '${name}-watch-${take(sub, 8)}'
  scope: subscription(sub)
  params: {
    name: name
    location: location
    principalId: app.outputs.principalId
    eventGridResourceGroupName: eventGridResourceGroupName
    functionAppId: app.outputs.functionAppId
    deadLetterStorageId: app.outputs.storageId
    deployEventSubscriptions: deployEventSubscriptions
    cmkPolicyEffect: cmkPolicyEffect
  }
}]

module vaults 'modules/keyvault-watch.bicep' = [for vaultId in byokVaultIds: {
  name: '${name}-vault-${uniqueString(vaultId)}'
  scope: resourceGroup(split(vaultId, '/')[2], split(vaultId, '/')[4])
  params: {
    vaultName: last(split(vaultId, '/'))
    workspaceId: workspaceId
    auditLogDestinationType: auditLogDestinationType
    functionAppId: app.outputs.functionAppId
    deadLetterStorageId: app.outputs.storageId
    deployEventSubscriptions: deployEventSubscriptions
  }
}]

// Each system topic writes its dead letters to byokwatch's storage with its own identity.
module subscriptionTopicWriters 'modules/deadletter-writer.bicep' = [for (sub, i) in watchedSubscriptionIds: {
  name: '${name}-dlw-sub-${i}'
  scope: rg
  params: {
    storageName: last(split(app.outputs.storageId, '/'))
    principalId: watch[i].outputs.topicPrincipalId
  }
}]

module vaultTopicWriters 'modules/deadletter-writer.bicep' = [for (vaultId, i) in byokVaultIds: {
  name: '${name}-dlw-vault-${i}'
  scope: rg
  params: {
    storageName: last(split(app.outputs.storageId, '/'))
    principalId: vaults[i].outputs.topicPrincipalId
  }
}]

output functionAppName string = app.outputs.functionAppName
output identityPrincipalId string = app.outputs.principalId
output identityClientId string = app.outputs.clientId
output workspaceId string = workspaceId
