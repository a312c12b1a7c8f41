// The workspace's customer id (a GUID): Log Analytics queries address a workspace by it, not by its ARM id.
param workspaceName string

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: workspaceName
}

output customerId string = workspace.properties.customerId
