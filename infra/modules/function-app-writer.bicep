// Website Contributor on byokwatch's Function App for the onboarding policy's identity: Event Grid creates an event
// subscription to a non-webhook destination only for an identity with write access to that destination.
param functionAppName string
param principalId string

var websiteContributor = 'de139f84-1756-47ae-9be6-808fbbe84772'

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource writer 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(site.id, principalId, websiteContributor)
  scope: site
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', websiteContributor)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
