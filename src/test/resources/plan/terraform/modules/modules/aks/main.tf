variable "name" {}
variable "resource_group" {}
variable "location" {}
variable "key_id" {}
variable "vault_id" {}
variable "tenant_id" {}

resource "azurerm_disk_encryption_set" "this" {
  name                      = "des-${var.name}"
  location                  = var.location
  resource_group_name       = var.resource_group
  key_vault_key_id          = var.key_id
  auto_key_rotation_enabled = true

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_key_vault_access_policy" "des" {
  key_vault_id    = var.vault_id
  tenant_id       = var.tenant_id
  object_id       = azurerm_disk_encryption_set.this.identity[0].principal_id
  key_permissions = ["Get", "WrapKey", "UnwrapKey"]
}

resource "azurerm_kubernetes_cluster" "this" {
  name                   = var.name
  location               = var.location
  resource_group_name    = var.resource_group
  dns_prefix             = var.name
  disk_encryption_set_id = azurerm_disk_encryption_set.this.id

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

resource "azurerm_kubernetes_cluster_node_pool" "user" {
  count                   = 2
  name                    = "user${count.index}"
  kubernetes_cluster_id   = azurerm_kubernetes_cluster.this.id
  vm_size                 = "Standard_D8s_v5"
  node_count              = 2
  host_encryption_enabled = count.index == 0
}
