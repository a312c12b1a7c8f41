# A whole BYOK stack created in one apply (azurerm 4.x): vault, keys, disk encryption set, grants and the cluster.
# Every link between them (ids, the set's principal, key versions) is known only after apply.
# Shape after the azurerm acceptance tests diskEncryptionConfig and azureKeyVaultKms.

terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.14"
    }
  }
}

provider "azurerm" {
  features {}
}

data "azurerm_client_config" "current" {}

resource "azurerm_resource_group" "aks" {
  name     = "rg-payments-aks"
  location = "westeurope"
}

resource "azurerm_key_vault" "disk" {
  name                       = "kv-payments-disk"
  location                   = azurerm_resource_group.aks.location
  resource_group_name        = azurerm_resource_group.aks.name
  tenant_id                  = data.azurerm_client_config.current.tenant_id
  sku_name                   = "premium"
  purge_protection_enabled   = true
  soft_delete_retention_days = 90

  access_policy {
    tenant_id       = data.azurerm_client_config.current.tenant_id
    object_id       = data.azurerm_client_config.current.object_id
    key_permissions = ["Create", "Delete", "Get", "GetRotationPolicy", "Purge", "Recover", "SetRotationPolicy", "Update"]
  }
}

resource "azurerm_key_vault_key" "disk" {
  name         = "aks-disk"
  key_vault_id = azurerm_key_vault.disk.id
  key_type     = "RSA-HSM"
  key_size     = 3072
  key_opts     = ["unwrapKey", "wrapKey"]

  rotation_policy {
    expire_after         = "P1Y"
    notify_before_expiry = "P30D"

    automatic {
      time_before_expiry = "P30D"
    }
  }
}

resource "azurerm_key_vault_key" "kms" {
  name         = "aks-kms"
  key_vault_id = azurerm_key_vault.disk.id
  key_type     = "RSA-HSM"
  key_size     = 2048
  key_opts     = ["decrypt", "encrypt"]
}

resource "azurerm_disk_encryption_set" "aks" {
  name                      = "des-payments-aks"
  location                  = azurerm_resource_group.aks.location
  resource_group_name       = azurerm_resource_group.aks.name
  key_vault_key_id          = azurerm_key_vault_key.disk.versionless_id
  auto_key_rotation_enabled = true

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_key_vault_access_policy" "des" {
  key_vault_id    = azurerm_key_vault.disk.id
  tenant_id       = azurerm_disk_encryption_set.aks.identity[0].tenant_id
  object_id       = azurerm_disk_encryption_set.aks.identity[0].principal_id
  key_permissions = ["Get", "WrapKey", "UnwrapKey"]
}

resource "azurerm_user_assigned_identity" "aks" {
  name                = "id-payments-aks"
  location            = azurerm_resource_group.aks.location
  resource_group_name = azurerm_resource_group.aks.name
}

resource "azurerm_key_vault_access_policy" "kms" {
  key_vault_id    = azurerm_key_vault.disk.id
  tenant_id       = data.azurerm_client_config.current.tenant_id
  object_id       = azurerm_user_assigned_identity.aks.principal_id
  key_permissions = ["Decrypt", "Encrypt"]
}

resource "azurerm_kubernetes_cluster" "payments" {
  name                   = "aks-payments"
  location               = azurerm_resource_group.aks.location
  resource_group_name    = azurerm_resource_group.aks.name
  dns_prefix             = "aks-payments"
  disk_encryption_set_id = azurerm_disk_encryption_set.aks.id

  default_node_pool {
    name                    = "system"
    vm_size                 = "Standard_D4s_v5"
    node_count              = 3
    host_encryption_enabled = true
  }

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.aks.id]
  }

  key_management_service {
    key_vault_key_id         = azurerm_key_vault_key.kms.id
    key_vault_network_access = "Public"
  }

  depends_on = [azurerm_key_vault_access_policy.des, azurerm_key_vault_access_policy.kms]
}
