// Key Vault Secrets User on the vault that holds notification channel secrets only, so app settings can use Key Vault
// references. Never assigned on a vault holding BYOK keys: byokwatch has no data-plane access to key material.
param vaultName string
param principalId string
// Deployment guard: false when the vault is one of byokVaultIds, and then the deployment stops before any role is
// assigned, with "The provided value for the template parameter 'vaultHoldsNoByokKeys' is not valid".
#disable-next-line no-unused-params
@description('True when the vault is not one of the BYOK vaults; false stops the deployment.')
@allowed([true])
param vaultHoldsNoByokKeys bool

var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: vaultName
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalId, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
