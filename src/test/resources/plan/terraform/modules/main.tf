# Regional clusters from modules: one key module, a cluster module per region (for_each), and two
# count-indexed clusters at the root that take the set with the same index. Provider azurerm 4.x.

provider "azurerm" {
  features {}
  subscription_id = "6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01"
}

data "azurerm_client_config" "current" {}

resource "azurerm_resource_group" "platform" {
  name     = "rg-platform"
  location = "westeurope"
}

module "keys" {
  source         = "./modules/keys"
  vault_name     = "kv-platform-disks"
  resource_group = azurerm_resource_group.platform.name
  location       = azurerm_resource_group.platform.location
  tenant_id      = data.azurerm_client_config.current.tenant_id
}

module "aks" {
  source         = "./modules/aks"
  for_each       = toset(["weu", "neu"])
  name           = "aks-${each.key}"
  resource_group = azurerm_resource_group.platform.name
  location       = azurerm_resource_group.platform.location
  key_id         = module.keys.key_versionless_id
  vault_id       = module.keys.vault_id
  tenant_id      = data.azurerm_client_config.current.tenant_id
}

resource "azurerm_disk_encryption_set" "regional" {
  count                     = 2
  name                      = "des-regional-${count.index}"
  location                  = azurerm_resource_group.platform.location
  resource_group_name       = azurerm_resource_group.platform.name
  key_vault_key_id          = module.keys.key_versionless_id
  auto_key_rotation_enabled = count.index == 0

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "regional" {
  count                  = 2
  name                   = "aks-regional-${count.index}"
  location               = azurerm_resource_group.platform.location
  resource_group_name    = azurerm_resource_group.platform.name
  dns_prefix             = "aks-regional-${count.index}"
  disk_encryption_set_id = azurerm_disk_encryption_set.regional[count.index].id

  default_node_pool {
    name                    = "system"
    vm_size                 = "Standard_D4s_v5"
    node_count              = 3
    host_encryption_enabled = true
  }

  identity {
    type = "SystemAssigned"
  }
}
