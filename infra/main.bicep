// byokwatch: event-driven proof that AKS clusters stay encrypted with customer-managed keys.
// Deploy at subscription scope (the "home" subscription that hosts byokwatch); infra/README.md walks through it:
//   az deployment sub create --name byokwatch --location <region> --template-file infra/main.bicep --parameters @infra/main.parameters.json
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

@description('Subscriptions byokwatch watches: Reader on each, and byokwatch\'s event subscription on each one\'s Event Grid system topic. May be empty when managementGroupId is set and infra/management-group.bicep onboards the whole group.')
param watchedSubscriptionIds array = []

@description('Management group whose clusters byokwatch watches (BYOKWATCH_MANAGEMENT_GROUP). Deploy infra/management-group.bicep there for Reader and the event onboarding policy.')
param managementGroupId string = ''

@description('Resource group created in every watched subscription to hold its Event Grid system topic (unless that subscription reuses an existing topic).')
param eventGridResourceGroupName string = 'rg-${name}-events'

@description('ARM ids of the key vaults that hold BYOK keys: each gets AuditEvent diagnostics to the workspace and a Key Vault system topic to KeyVaultChanged; the subscription of each gets Reader and an ARM event topic too, even when it is not watched.')
param byokVaultIds array = []

@description('Existing Event Grid system topics to reuse, keyed by source: a subscription id (its Microsoft.Resources.Subscriptions topic) or a BYOK vault id (its Microsoft.KeyVault.vaults topic), each mapped to the topic\'s ARM id. Azure allows one system topic per source; for these byokwatch adds only its event subscription.')
param existingSystemTopics object = {}

@description('BYOK vault ids that already send AuditEvent to the workspace through another diagnostic setting (an Azure Policy assignment, say). Azure refuses a second setting with the same workspace, so none is created for these.')
param vaultsAlreadyAuditedToWorkspace array = []

@description('Existing Log Analytics workspace ARM id for Key Vault audit logs; empty creates one in the byokwatch group.')
param logAnalyticsWorkspaceId string = ''

@description('Key Vault audit log table: Dedicated writes the resource-specific AZKVAuditLogs table, AzureDiagnostics the legacy one.')
@allowed(['Dedicated', 'AzureDiagnostics'])
param auditLogDestinationType string = 'Dedicated'

@description('Create the Event Grid subscriptions. Event Grid refuses a subscription to a function that does not exist yet: deploy with false, publish the code, deploy again with true.')
param deployEventSubscriptions bool = false

@description('Storage account (ARM id) for dead letters of the subscription-level ARM event subscriptions; empty: none. A subscription topic is global and Azure gives global topics no managed identity, so this account must accept Event Grid\'s dead letters without one (byokwatch\'s own account refuses shared keys). Without it, undeliverable events are dropped after 24 hours of retries and the hourly Reconcile catches the change.')
param resourceEventsDeadLetterStorageId string = ''

@description('Redundancy of byokwatch\'s storage account. Standard_ZRS is not offered in every Flex Consumption region; choose Standard_LRS there.')
@allowed(['Standard_ZRS', 'Standard_LRS', 'Standard_GRS', 'Standard_GZRS', 'Standard_RAGRS', 'Standard_RAGZRS'])
param storageSku string = 'Standard_ZRS'

@description('NCRONTAB schedule of the Reconcile sweep.')
param reconcileSchedule string = '0 0 * * * *'

@description('ARM id of a key vault holding notification channel secrets (webhook URLs, signing secrets) referenced from app settings; never a BYOK vault (the deployment stops if it is one of byokVaultIds). Empty: set the secrets as plain app settings.')
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

// Known when the deployment starts, so modules can be scoped to the workspace's group (a module output cannot).
var workspaceName = 'log-${name}-${token}'
var workspaceId = empty(logAnalyticsWorkspaceId) ? resourceId(subscription().subscriptionId, resourceGroupName, 'Microsoft.OperationalInsights/workspaces', workspaceName) : logAnalyticsWorkspaceId
var workspaceSubscriptionId = split(workspaceId, '/')[2]
var workspaceResourceGroup = split(workspaceId, '/')[4]

var watchedSubscriptions = union(map(watchedSubscriptionIds, s => toLower(s)), [])
// A central key subscription holds vaults but no clusters: it still needs Reader (reads of the vault behind a disk
// encryption set in another subscription) and an ARM topic (vault, access policy and role assignment changes).
var vaultSubscriptions = union(map(byokVaultIds, v => toLower(split(v, '/')[2])), [])
var eventSubscriptionScopes = union(watchedSubscriptions, vaultSubscriptions)
var auditedVaults = map(vaultsAlreadyAuditedToWorkspace, v => toLower(v))
var byokVaults = map(byokVaultIds, v => toLower(v))

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: resourceGroupName
  location: location
}

module workspace 'modules/workspace.bicep' = if (empty(logAnalyticsWorkspaceId)) {
  name: '${name}-workspace'
  scope: rg
  params: {
    name: workspaceName
    location: location
  }
}

module workspaceInfo 'modules/workspace-info.bicep' = {
  name: '${name}-workspace-info'
  scope: resourceGroup(workspaceSubscriptionId, workspaceResourceGroup)
  params: {
    workspaceName: last(split(workspaceId, '/'))
  }
  dependsOn: [workspace]
}

module app 'modules/app.bicep' = {
  name: '${name}-app'
  scope: rg
  params: {
    name: name
    token: token
    location: location
    storageSku: storageSku
    watchedSubscriptionIds: watchedSubscriptionIds
    managementGroupId: managementGroupId
    watchesSomething: !empty(watchedSubscriptionIds) || !empty(managementGroupId)
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
  dependsOn: [workspace]
}

module workspaceReader 'modules/workspace-reader.bicep' = {
  name: '${name}-workspace-reader'
  scope: resourceGroup(workspaceSubscriptionId, workspaceResourceGroup)
  params: {
    workspaceName: last(split(workspaceId, '/'))
    principalId: app.outputs.principalId
  }
  dependsOn: [workspace]
}

module channelSecrets 'modules/secrets-reader.bicep' = if (!empty(channelSecretsVaultId)) {
  name: '${name}-channel-secrets'
  scope: resourceGroup(split(channelSecretsVaultId, '/')[2], split(channelSecretsVaultId, '/')[4])
  params: {
    vaultName: last(split(channelSecretsVaultId, '/'))
    principalId: app.outputs.principalId
    vaultHoldsNoByokKeys: !contains(byokVaults, toLower(channelSecretsVaultId))
  }
}

module watch 'modules/watch-subscription.bicep' = [for sub in eventSubscriptionScopes: {
  name: '${name}-watch-${uniqueString(sub)}'
  scope: subscription(sub)
  params: {
    name: name
    location: location
    principalId: app.outputs.principalId
    eventGridResourceGroupName: eventGridResourceGroupName
    existingTopicId: contains(existingSystemTopics, sub) ? existingSystemTopics[sub] : ''
    functionAppId: app.outputs.functionAppId
    deadLetterStorageId: resourceEventsDeadLetterStorageId
    deployEventSubscriptions: deployEventSubscriptions
    cmkPolicyEffect: contains(watchedSubscriptions, sub) ? cmkPolicyEffect : 'None'
  }
}]

module vaults 'modules/keyvault-watch.bicep' = [for vaultId in byokVaultIds: {
  name: '${name}-vault-${uniqueString(vaultId)}'
  scope: resourceGroup(split(vaultId, '/')[2], split(vaultId, '/')[4])
  params: {
    vaultName: last(split(vaultId, '/'))
    workspaceId: workspaceId
    auditLogDestinationType: auditLogDestinationType
    createAuditDiagnostics: !contains(auditedVaults, toLower(vaultId))
    existingTopicId: contains(existingSystemTopics, vaultId) ? existingSystemTopics[vaultId] : ''
    functionAppId: app.outputs.functionAppId
    deadLetterStorageId: app.outputs.storageId
    deployEventSubscriptions: deployEventSubscriptions
  }
  dependsOn: [workspace]
}]

output functionAppName string = app.outputs.functionAppName
output functionAppId string = app.outputs.functionAppId
output resourceGroupName string = resourceGroupName
output identityPrincipalId string = app.outputs.principalId
output identityClientId string = app.outputs.clientId
output workspaceId string = workspaceId
output eventSubscriptionScopes array = eventSubscriptionScopes
