variable "vault_name" {}
variable "resource_group" {}
variable "location" {}
variable "tenant_id" {}

resource "azurerm_key_vault" "this" {
  name                       = var.vault_name
  location                   = var.location
  resource_group_name        = var.resource_group
  tenant_id                  = var.tenant_id
  sku_name                   = "premium"
  purge_protection_enabled   = true
  soft_delete_retention_days = 90
}

resource "azurerm_key_vault_key" "disk" {
  name         = "platform-disk"
  key_vault_id = azurerm_key_vault.this.id
  key_type     = "RSA-HSM"
  key_size     = 3072
  key_opts     = ["unwrapKey", "wrapKey"]
}

output "key_versionless_id" {
  value = azurerm_key_vault_key.disk.versionless_id
}

output "vault_id" {
  value = azurerm_key_vault.this.id
}
