// byokwatch's own resources: identity, storage (verdict table, outbox queue, dead letters), monitoring, Function App.
param name string
param token string
param location string
@allowed(['Standard_ZRS', 'Standard_LRS', 'Standard_GRS', 'Standard_GZRS', 'Standard_RAGRS', 'Standard_RAGZRS'])
param storageSku string
param watchedSubscriptionIds array
param managementGroupId string
// Deployment guard: byokwatch refuses to start without a scope, so a deployment without one stops here, before any
// resource is made, with "The provided value for the template parameter 'watchesSomething' is not valid".
#disable-next-line no-unused-params
@description('True when watchedSubscriptionIds or managementGroupId is set; set neither and the deployment stops.')
@allowed([true])
param watchesSomething bool
param workspaceId string
param reconcileSchedule string
param channelSettings object
param policyFile string
param notifyConfig string
param reminderSchedule string
param workspaceCustomerId string
param auditTable string
param accessReportSchedule string
param kpiReportSchedule string
param kpiDigestSchedule string

var verdictTable = 'byokwatchverdicts'
var deliveryTable = 'byokwatchdelivery'
var outboxQueue = 'byokwatch-outbox'
var deliveryDeadLetterQueue = 'byokwatch-deadletter'
var eventDeadLetterContainer = 'eventgrid-deadletter'
var deploymentContainer = 'app-package-${take(token, 7)}'

// Built-in role definition ids (fixed across tenants); each assignment below says why it is needed.
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'
var reader = 'acdd72a7-3385-48ef-bd42-f606fba81ae7'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${name}'
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take(toLower('st${replace(name, '-', '')}${token}'), 24)
  location: location
  kind: 'StorageV2'
  sku: { name: storageSku }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource packageContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: deploymentContainer
}

resource deadLetterContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: eventDeadLetterContainer
}

// The nightly access reports (HTML, JSON, Markdown). Readers need Storage Blob Data Reader on this container.
resource reportContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: 'byokwatch-reports'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource outbox 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queues
  name: outboxQueue
}

resource deliveryDeadLetters 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queues
  name: deliveryDeadLetterQueue
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource verdicts 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = {
  parent: tables
  name: verdictTable
}

// Per-channel delivery progress and flap state, so a retry never re-sends to a channel that already has the alert.
resource deliveries 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = {
  parent: tables
  name: deliveryTable
}

// The Functions host keeps leases and the deployment package in blobs; byokwatch reads no other blob.
resource blobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageBlobDataOwner)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwner)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// The alert outbox and delivery dead letters are queues in this account only.
resource queueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageQueueDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Verdict state (compare-and-set with ETags) is a table in this account only.
resource tableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Reader on byokwatch's own resource group: doctor reads the app's functions (do they exist, are they enabled) and
// the storage and workspace it runs on. It holds nothing that grants access to anything else.
resource selfReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, identity.id, reader)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', reader)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${name}-${token}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspaceId
    DisableLocalAuth: true
  }
}

// Telemetry is sent with the managed identity because local (key) authentication is off.
resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, identity.id, monitoringMetricsPublisher)
  scope: insights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${name}-${token}'
  location: location
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

var baseSettings = {
  AzureWebJobsStorage__accountName: storage.name
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.properties.clientId
  AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
  AZURE_CLIENT_ID: identity.properties.clientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
  BYOKWATCH_INVENTORY: 'live'
  BYOKWATCH_CLOUD: environment().name
  BYOKWATCH_SUBSCRIPTIONS: join(watchedSubscriptionIds, ',')
  BYOKWATCH_MANAGEMENT_GROUP: managementGroupId
  BYOKWATCH_STATE: 'azure'
  BYOKWATCH_VERDICT_TABLE: verdictTable
  BYOKWATCH_OUTBOX_QUEUE: outboxQueue
  BYOKWATCH_RECONCILE_SCHEDULE: reconcileSchedule
  BYOKWATCH_POLICY_FILE: policyFile
  BYOKWATCH_DELIVERY_TABLE: deliveryTable
  BYOKWATCH_DEADLETTER_QUEUE: deliveryDeadLetterQueue
  BYOKWATCH_NOTIFY_CONFIG: notifyConfig
  BYOKWATCH_REMINDER_SCHEDULE: reminderSchedule
  BYOKWATCH_LOG_ANALYTICS_WORKSPACE_ID: workspaceCustomerId
  BYOKWATCH_LOG_ANALYTICS_ENDPOINT: ''
  BYOKWATCH_ACCESS_TABLE: auditTable
  BYOKWATCH_ACCESS_WINDOW_HOURS: '24'
  BYOKWATCH_ACCESS_BASELINE_DAYS: '14'
  BYOKWATCH_ACCESS_ALLOWLIST_FILE: ''
  // a function instance's disk does not outlive it: the reports go to the storage account
  BYOKWATCH_ACCESS_REPORT_DIR: ''
  BYOKWATCH_ACCESS_REPORT_CONTAINER: reportContainer.name
  BYOKWATCH_ACCESS_REPORT_SCHEDULE: accessReportSchedule
  // the transition history the KPIs are computed from, and the nightly KPI page beside the access reports
  BYOKWATCH_HISTORY_TABLE: 'byokwatchhistory'
  BYOKWATCH_HISTORY_RETENTION_DAYS: '400'
  BYOKWATCH_KPI_WINDOW_DAYS: '90'
  BYOKWATCH_KPI_REPORT_DIR: ''
  BYOKWATCH_KPI_REPORT_CONTAINER: reportContainer.name
  BYOKWATCH_KPI_DASHBOARD_URL: ''
  BYOKWATCH_KPI_PRICES_FILE: ''
  BYOKWATCH_KEY_MAX_AGE_DAYS: '365'
  BYOKWATCH_KPI_REPORT_SCHEDULE: kpiReportSchedule
  BYOKWATCH_KPI_DIGEST_SCHEDULE: kpiDigestSchedule
  BYOKWATCH_CACHE_TTL_SECONDS: '30'
  BYOKWATCH_READ_BUDGET_PER_MINUTE: '1200'
  BYOKWATCH_EVALUATION_WIDTH: '8'
  // doctor (GET /api/doctor) matches event subscriptions' destinations to this app and reads its own functions
  BYOKWATCH_FUNCTION_APP_ID: site.id
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: 'func-${name}-${token}'
  location: location
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainer}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: 40
        instanceMemoryMB: 2048
      }
      runtime: {
        name: 'java'
        version: '17'
      }
    }
  }
  dependsOn: [blobOwner, queueContributor, tableContributor]
}

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(baseSettings, channelSettings)
}

output functionAppId string = site.id
output functionAppName string = site.name
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
output storageId string = storage.id
output eventDeadLetterContainer string = eventDeadLetterContainer
