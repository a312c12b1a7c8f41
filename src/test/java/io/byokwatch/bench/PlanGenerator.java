package io.byokwatch.bench;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonWriter;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a large Terraform plan in the shape {@code terraform show -json} gives (format 1.2), for the plan benchmark:
 * a stack module called with for_each, ten resources per instance (resource group, vault, disk and KMS keys, disk
 * encryption set, two access policies, a user-assigned identity, a cluster and a node pool), every link between them
 * known only after apply, so each cluster's chain is followed through module variables and references. One
 * instance in ten leaves purge protection off and one node pool in three has no encryption at host, so the report
 * has findings to render. Usage: PlanGenerator FILE STACKS (10 resources per stack)
 */
public final class PlanGenerator {
    private static final Gson GSON = new Gson();
    private static final String AZURERM = "registry.terraform.io/hashicorp/azurerm";
    private static final String SUB = "6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01";
    private static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    public static void main(String[] args) throws IOException {
        write(Path.of(args[0]), Integer.parseInt(args[1]));
    }

    public static void write(Path file, int stacks) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8); JsonWriter out = new JsonWriter(w)) {
            out.beginObject();
            out.name("format_version").value("1.2");
            out.name("terraform_version").value("1.9.8");
            out.name("planned_values").beginObject().name("root_module").beginObject().name("child_modules").beginArray();
            for (int i = 0; i < stacks; i++) {
                JsonObject module = new JsonObject();
                JsonArray resources = new JsonArray();
                for (JsonObject change : stack(i)) {
                    resources.add(planned(change));
                }
                module.add("resources", resources);
                module.addProperty("address", "module.stack[\"" + key(i) + "\"]");
                GSON.toJson(module, out);
            }
            out.endArray().endObject().endObject();
            out.name("resource_changes").beginArray();
            for (int i = 0; i < stacks; i++) {
                for (JsonObject change : stack(i)) {
                    GSON.toJson(change, out);
                }
            }
            out.endArray();
            out.name("prior_state");
            GSON.toJson(JsonParser.parseString("""
                    {"format_version": "1.0", "terraform_version": "1.9.8", "values": {"root_module": {"resources": [
                      {"address": "data.azurerm_client_config.current", "mode": "data", "type": "azurerm_client_config",
                       "name": "current", "provider_name": "%s", "schema_version": 0,
                       "values": {"client_id": "04b07795-8ddb-461a-bbee-02f9e1bf7b46", "object_id": "3b9f6a2c-5d1e-4c7a-8f0b-1e2d3c4b5a69",
                                  "subscription_id": "%s", "tenant_id": "%s"}}]}}}
                    """.formatted(AZURERM, SUB, TENANT)), out);
            out.name("configuration");
            GSON.toJson(configuration(stacks), out);
            out.name("applyable").value(true);
            out.name("complete").value(true);
            out.name("errored").value(false);
            out.endObject();
        }
    }

    private static String key(int i) {
        return String.format("s%04d", i);
    }

    private static JsonObject[] stack(int i) {
        String m = "module.stack[\"" + key(i) + "\"]";
        String rg = "rg-" + key(i);
        String kv = "kv-" + key(i);
        return new JsonObject[] {
            change(m, "azurerm_resource_group", "this", null, obj("location", "westeurope", "name", rg, "tags", null),
                    obj("id", true)),
            change(m, "azurerm_key_vault", "this", null, obj("access_policy", new JsonArray(), "location", "westeurope",
                    "name", kv, "purge_protection_enabled", i % 10 != 0, "resource_group_name", rg, "sku_name", "premium",
                    "soft_delete_retention_days", 90, "enable_rbac_authorization", false, "tenant_id", TENANT,
                    "public_network_access_enabled", true, "vault_uri", null, "id", null),
                    obj("id", true, "vault_uri", true, "access_policy", true)),
            change(m, "azurerm_key_vault_key", "disk", null, obj("name", "disk", "key_type", "RSA-HSM", "key_size", 3072,
                    "key_opts", arr("unwrapKey", "wrapKey"), "expiration_date", null, "not_before_date", null,
                    "rotation_policy", new JsonArray(), "key_vault_id", null, "id", null, "versionless_id", null),
                    obj("id", true, "key_vault_id", true, "versionless_id", true, "version", true)),
            change(m, "azurerm_key_vault_key", "kms", null, obj("name", "kms", "key_type", "RSA", "key_size", 2048,
                    "key_opts", arr("decrypt", "encrypt"), "rotation_policy", new JsonArray(), "key_vault_id", null, "id", null),
                    obj("id", true, "key_vault_id", true, "versionless_id", true, "version", true)),
            change(m, "azurerm_disk_encryption_set", "this", null, obj("name", "des-" + key(i), "location", "westeurope",
                    "resource_group_name", rg, "auto_key_rotation_enabled", true, "encryption_type", "EncryptionAtRestWithCustomerKey",
                    "identity", arr(obj("type", "SystemAssigned", "identity_ids", null, "principal_id", null, "tenant_id", null)),
                    "key_vault_key_id", null, "id", null),
                    obj("id", true, "key_vault_key_id", true, "identity", arr(obj("principal_id", true, "tenant_id", true)))),
            change(m, "azurerm_key_vault_access_policy", "des", null, obj("key_permissions", arr("Get", "WrapKey", "UnwrapKey"),
                    "tenant_id", TENANT, "key_vault_id", null, "object_id", null),
                    obj("id", true, "key_vault_id", true, "object_id", true)),
            change(m, "azurerm_user_assigned_identity", "cluster", null, obj("name", "id-" + key(i), "location", "westeurope",
                    "resource_group_name", rg, "principal_id", null, "id", null),
                    obj("id", true, "principal_id", true, "client_id", true, "tenant_id", true)),
            change(m, "azurerm_key_vault_access_policy", "kms", null, obj("key_permissions", arr("Decrypt", "Encrypt"),
                    "tenant_id", TENANT, "key_vault_id", null, "object_id", null),
                    obj("id", true, "key_vault_id", true, "object_id", true)),
            change(m, "azurerm_kubernetes_cluster", "this", null, obj("name", "aks-" + key(i), "location", "westeurope",
                    "resource_group_name", rg, "dns_prefix", "aks-" + key(i), "disk_encryption_set_id", null,
                    "default_node_pool", arr(obj("name", "system", "vm_size", "Standard_D4s_v5", "node_count", 3,
                            "host_encryption_enabled", true, "os_disk_type", "Managed")),
                    "identity", arr(obj("type", "UserAssigned", "identity_ids", null)),
                    "key_management_service", arr(obj("key_vault_key_id", null, "key_vault_network_access", "Public")),
                    "tags", obj("data-classification", "confidential"), "id", null),
                    obj("id", true, "disk_encryption_set_id", true, "identity", arr(obj("identity_ids", true, "principal_id", true)),
                            "key_management_service", arr(obj("key_vault_key_id", true)), "kube_config", true, "fqdn", true)),
            change(m, "azurerm_kubernetes_cluster_node_pool", "user", null, obj("name", "user", "vm_size", "Standard_D8s_v5",
                    "node_count", 2, "mode", "User", "host_encryption_enabled", i % 3 != 0, "kubernetes_cluster_id", null),
                    obj("id", true, "kubernetes_cluster_id", true)),
        };
    }

    /** The planned_values entry of a change: its after, without the values known only after apply. */
    private static JsonObject planned(JsonObject change) {
        JsonObject p = new JsonObject();
        for (String k : new String[] {"address", "mode", "type", "name", "provider_name"}) {
            p.add(k, change.get(k));
        }
        p.addProperty("schema_version", 0);
        JsonObject values = change.getAsJsonObject("change").getAsJsonObject("after").deepCopy();
        change.getAsJsonObject("change").getAsJsonObject("after_unknown").entrySet().forEach(e -> {
            if (e.getValue().isJsonPrimitive()) {
                values.remove(e.getKey());
            }
        });
        p.add("values", values);
        p.add("sensitive_values", new JsonObject());
        return p;
    }

    /** The attributes a provider writes into every planned object of the type, most of them null or empty. */
    private static void typical(String type, JsonObject after) {
        String[] attributes = switch (type) {
            case "azurerm_kubernetes_cluster" -> new String[] {"aci_connector_linux", "api_server_access_profile",
                "auto_scaler_profile", "automatic_upgrade_channel", "azure_active_directory_role_based_access_control",
                "azure_policy_enabled", "confidential_computing", "cost_analysis_enabled", "dns_prefix_private_cluster",
                "edge_zone", "http_application_routing_enabled", "http_proxy_config", "image_cleaner_enabled",
                "image_cleaner_interval_hours", "ingress_application_gateway", "key_vault_secrets_provider",
                "local_account_disabled", "maintenance_window", "maintenance_window_auto_upgrade", "maintenance_window_node_os",
                "microsoft_defender", "monitor_metrics", "node_os_upgrade_channel", "oms_agent", "open_service_mesh_enabled",
                "private_cluster_enabled", "private_cluster_public_fqdn_enabled", "role_based_access_control_enabled",
                "run_command_enabled", "service_mesh_profile", "sku_tier", "storage_profile", "support_plan", "timeouts",
                "web_app_routing", "windows_profile", "workload_autoscaler_profile", "workload_identity_enabled"};
            case "azurerm_key_vault" -> new String[] {"contact", "enabled_for_deployment", "enabled_for_disk_encryption",
                "enabled_for_template_deployment", "network_acls", "tags", "timeouts"};
            case "azurerm_kubernetes_cluster_node_pool" -> new String[] {"capacity_reservation_group_id", "eviction_policy",
                "fips_enabled", "gpu_instance", "host_group_id", "kubelet_config", "linux_os_config", "max_count", "max_pods",
                "min_count", "node_labels", "node_public_ip_prefix_id", "node_taints", "os_sku", "os_type", "pod_subnet_id",
                "priority", "proximity_placement_group_id", "scale_down_mode", "snapshot_id", "spot_max_price", "tags",
                "timeouts", "ultra_ssd_enabled", "upgrade_settings", "vnet_subnet_id", "workload_runtime", "zones"};
            default -> new String[] {"tags", "timeouts"};
        };
        for (String a : attributes) {
            if (!after.has(a)) {
                after.add(a, JsonNull.INSTANCE);
            }
        }
    }

    private static JsonObject change(String module, String type, String name, JsonObject before, JsonObject after,
                                     JsonObject afterUnknown) {
        typical(type, after);
        JsonObject c = new JsonObject();
        c.addProperty("address", module + "." + type + "." + name);
        c.addProperty("module_address", module);
        c.addProperty("mode", "managed");
        c.addProperty("type", type);
        c.addProperty("name", name);
        c.addProperty("provider_name", AZURERM);
        JsonObject change = new JsonObject();
        change.add("actions", arr("create"));
        change.add("before", before == null ? JsonNull.INSTANCE : before);
        change.add("after", after);
        change.add("after_unknown", afterUnknown);
        change.addProperty("before_sensitive", false);
        change.add("after_sensitive", new JsonObject());
        c.add("change", change);
        return c;
    }

    private static JsonObject configuration(int stacks) {
        String module = """
                {"resources": [
                  {"address": "azurerm_resource_group.this", "mode": "managed", "type": "azurerm_resource_group", "name": "this",
                   "provider_config_key": "azurerm", "expressions": {"name": {"references": ["var.name"]}, "location": {"constant_value": "westeurope"}}},
                  {"address": "azurerm_key_vault.this", "mode": "managed", "type": "azurerm_key_vault", "name": "this", "provider_config_key": "azurerm",
                   "expressions": {"name": {"references": ["var.name"]}, "resource_group_name": {"references": ["azurerm_resource_group.this.name", "azurerm_resource_group.this"]},
                     "purge_protection_enabled": {"references": ["var.purge"]}, "tenant_id": {"references": ["var.tenant_id"]}}},
                  {"address": "azurerm_key_vault_key.disk", "mode": "managed", "type": "azurerm_key_vault_key", "name": "disk", "provider_config_key": "azurerm",
                   "expressions": {"name": {"constant_value": "disk"}, "key_vault_id": {"references": ["azurerm_key_vault.this.id", "azurerm_key_vault.this"]}}},
                  {"address": "azurerm_key_vault_key.kms", "mode": "managed", "type": "azurerm_key_vault_key", "name": "kms", "provider_config_key": "azurerm",
                   "expressions": {"name": {"constant_value": "kms"}, "key_vault_id": {"references": ["azurerm_key_vault.this.id", "azurerm_key_vault.this"]}}},
                  {"address": "azurerm_disk_encryption_set.this", "mode": "managed", "type": "azurerm_disk_encryption_set", "name": "this", "provider_config_key": "azurerm",
                   "expressions": {"key_vault_key_id": {"references": ["azurerm_key_vault_key.disk.versionless_id", "azurerm_key_vault_key.disk"]},
                     "identity": [{"type": {"constant_value": "SystemAssigned"}}]}},
                  {"address": "azurerm_key_vault_access_policy.des", "mode": "managed", "type": "azurerm_key_vault_access_policy", "name": "des", "provider_config_key": "azurerm",
                   "expressions": {"key_vault_id": {"references": ["azurerm_key_vault.this.id", "azurerm_key_vault.this"]},
                     "object_id": {"references": ["azurerm_disk_encryption_set.this.identity[0].principal_id", "azurerm_disk_encryption_set.this.identity[0]",
                       "azurerm_disk_encryption_set.this.identity", "azurerm_disk_encryption_set.this"]}}},
                  {"address": "azurerm_user_assigned_identity.cluster", "mode": "managed", "type": "azurerm_user_assigned_identity", "name": "cluster",
                   "provider_config_key": "azurerm", "expressions": {}},
                  {"address": "azurerm_key_vault_access_policy.kms", "mode": "managed", "type": "azurerm_key_vault_access_policy", "name": "kms", "provider_config_key": "azurerm",
                   "expressions": {"key_vault_id": {"references": ["azurerm_key_vault.this.id", "azurerm_key_vault.this"]},
                     "object_id": {"references": ["azurerm_user_assigned_identity.cluster.principal_id", "azurerm_user_assigned_identity.cluster"]}}},
                  {"address": "azurerm_kubernetes_cluster.this", "mode": "managed", "type": "azurerm_kubernetes_cluster", "name": "this", "provider_config_key": "azurerm",
                   "expressions": {"disk_encryption_set_id": {"references": ["azurerm_disk_encryption_set.this.id", "azurerm_disk_encryption_set.this"]},
                     "identity": [{"identity_ids": {"references": ["azurerm_user_assigned_identity.cluster.id", "azurerm_user_assigned_identity.cluster"]}}],
                     "key_management_service": [{"key_vault_key_id": {"references": ["azurerm_key_vault_key.kms.id", "azurerm_key_vault_key.kms"]}}]}},
                  {"address": "azurerm_kubernetes_cluster_node_pool.user", "mode": "managed", "type": "azurerm_kubernetes_cluster_node_pool", "name": "user",
                   "provider_config_key": "azurerm", "expressions": {"kubernetes_cluster_id": {"references": ["azurerm_kubernetes_cluster.this.id", "azurerm_kubernetes_cluster.this"]}}}],
                 "variables": {"name": {}, "purge": {}, "tenant_id": {}}}
                """;
        JsonObject call = new JsonObject();
        call.addProperty("source", "./modules/stack");
        call.add("module", JsonParser.parseString(module));
        call.add("for_each_expression", obj("references", arr("local.stacks")));
        call.add("expressions", JsonParser.parseString("{\"name\": {\"references\": [\"each.key\"]},"
                + " \"tenant_id\": {\"references\": [\"data.azurerm_client_config.current.tenant_id\", \"data.azurerm_client_config.current\"]}}"));
        JsonObject root = new JsonObject();
        root.add("resources", JsonParser.parseString("[{\"address\": \"data.azurerm_client_config.current\", \"mode\": \"data\","
                + " \"type\": \"azurerm_client_config\", \"name\": \"current\", \"provider_config_key\": \"azurerm\", \"expressions\": {}}]"));
        root.add("module_calls", obj("stack", call));
        JsonObject configuration = new JsonObject();
        configuration.add("provider_config", JsonParser.parseString("{\"azurerm\": {\"name\": \"azurerm\", \"full_name\": \"" + AZURERM
                + "\", \"expressions\": {\"features\": [{}]}}}"));
        configuration.add("root_module", root);
        return configuration;
    }

    private static JsonObject obj(Object... kv) {
        JsonObject o = new JsonObject();
        for (int i = 0; i < kv.length; i += 2) {
            o.add((String) kv[i], GSON.toJsonTree(kv[i + 1]));
        }
        return o;
    }

    private static JsonArray arr(Object... items) {
        JsonArray a = new JsonArray();
        for (Object item : items) {
            a.add(item instanceof JsonElement e ? e : GSON.toJsonTree(item));
        }
        return a;
    }

}
