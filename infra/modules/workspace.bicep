// A Log Analytics workspace for Key Vault audit logs, when the deployer has none to reuse.
param name string
param location string

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: name
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 90
  }
}

output id string = workspace.id
