package io.byokwatch.testsupport;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.byokwatch.adapter.arm.FakeArm;
import io.byokwatch.adapter.arm.Harness;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.impact.RoutedOperations;

import java.util.List;

/**
 * A byokwatch deployment as ARM describes it, stored in the fake ARM: the payload shapes are those of the REST API
 * specs' examples (SystemTopics_ListBySubscription, SystemTopicEventSubscriptions_Get, listDiagnosticSettings, the
 * Web and OperationalInsights GET responses), with byokwatch's values. Ids are scrubbed.
 */
public final class Deployment {
    public static final String WATCHED = Harness.SUB_A;
    /** A central key subscription: holds the vault, no clusters, not watched. */
    public static final String KEYS = Harness.SUB_C;
    public static final ResourceId APP = ResourceId.parse("/subscriptions/" + WATCHED + "/resourceGroups/rg-byokwatch/providers/"
            + "Microsoft.Web/sites/func-byokwatch-x7k2");
    public static final ResourceId WORKSPACE = ResourceId.parse("/subscriptions/" + WATCHED + "/resourceGroups/rg-byokwatch/providers/"
            + "Microsoft.OperationalInsights/workspaces/log-byokwatch-x7k2");
    public static final String WORKSPACE_CUSTOMER_ID = "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";
    public static final ResourceId VAULT = Harness.vaultId(KEYS, "kv-central");
    public static final ResourceId SET = Harness.setId(WATCHED, "des-prod");
    public static final ResourceId CLUSTER = Harness.clusterId(WATCHED, "aks-pay");

    private final FakeArm arm;

    public Deployment(FakeArm arm) {
        this.arm = arm;
    }

    /** Everything in place: the estate, topics, event subscriptions, functions, audit setting and workspace. */
    public Deployment healthy() {
        arm.put(Harness.cluster(CLUSTER, SET));
        arm.put(Harness.set(SET, "https://kv-central.vault.azure.net/keys/disk/0123456789abcdef0123456789abcdef", VAULT, null));
        arm.put(Harness.vault(VAULT, true));
        for (String sub : List.of(WATCHED, KEYS)) {
            ResourceId topic = subscriptionTopic(sub);
            arm.put(topic(topic, "/subscriptions/" + sub, "Microsoft.Resources.Subscriptions", "global"));
            arm.put(eventSubscription(topic, "byokwatch-resource-changed", "ResourceChanged",
                    List.of("Microsoft.Resources.ResourceWriteSuccess", "Microsoft.Resources.ResourceDeleteSuccess"),
                    RoutedOperations.ALL));
        }
        ResourceId vaultTopic = vaultTopic();
        arm.put(topic(vaultTopic, VAULT.toString(), "Microsoft.KeyVault.vaults", "northeurope"));
        arm.put(eventSubscription(vaultTopic, "byokwatch-keyvault-changed", "KeyVaultChanged", List.of(
                "Microsoft.KeyVault.KeyNewVersionCreated", "Microsoft.KeyVault.KeyNearExpiry", "Microsoft.KeyVault.KeyExpired",
                "Microsoft.KeyVault.VaultAccessPolicyChanged"), null));
        arm.put(function("ResourceChanged", false));
        arm.put(function("KeyVaultChanged", false));
        arm.put(diagnosticSetting(VAULT, "byokwatch-audit", WORKSPACE.toString(), "AuditEvent", null));
        arm.put(workspace(WORKSPACE, WORKSPACE_CUSTOMER_ID));
        return this;
    }

    public static ResourceId subscriptionTopic(String sub) {
        return ResourceId.parse("/subscriptions/" + sub + "/resourceGroups/rg-byokwatch-events/providers/"
                + "Microsoft.EventGrid/systemTopics/evgt-byokwatch-" + sub);
    }

    public static ResourceId vaultTopic() {
        return ResourceId.parse("/subscriptions/" + KEYS + "/resourceGroups/rg-keys/providers/Microsoft.EventGrid/systemTopics/evgt-kv-central");
    }

    public static JsonObject topic(ResourceId id, String source, String topicType, String location) {
        JsonObject p = new JsonObject();
        p.addProperty("provisioningState", "Succeeded");
        // Event Grid lower-cases provider names in source and topicType at times; the checks compare as ARM does
        p.addProperty("source", source.replace("Microsoft.KeyVault", "microsoft.keyvault"));
        p.addProperty("topicType", topicType.toLowerCase(java.util.Locale.ROOT));
        p.addProperty("metricResourceId", "183c0fb1-17ff-47b6-ac77-5a47420ab01e");
        JsonObject o = new JsonObject();
        o.add("properties", p);
        o.addProperty("location", location);
        o.add("tags", JsonNull.INSTANCE);
        o.addProperty("id", id.toString());
        o.addProperty("name", id.name());
        o.addProperty("type", "Microsoft.EventGrid/systemTopics");
        return o;
    }

    /** @param operations the data.operationName StringIn values, or null for no advanced filter */
    public static JsonObject eventSubscription(ResourceId topic, String name, String function, List<String> eventTypes,
                                        List<String> operations) {
        JsonObject destProps = new JsonObject();
        destProps.addProperty("resourceId", APP + "/functions/" + function);
        destProps.addProperty("maxEventsPerBatch", 1);
        destProps.addProperty("preferredBatchSizeInKilobytes", 64);
        JsonObject destination = new JsonObject();
        destination.add("properties", destProps);
        destination.addProperty("endpointType", "AzureFunction");
        JsonObject filter = new JsonObject();
        JsonArray types = new JsonArray();
        eventTypes.forEach(types::add);
        filter.add("includedEventTypes", types);
        filter.addProperty("enableAdvancedFilteringOnArrays", false);
        if (operations != null) {
            JsonObject f = new JsonObject();
            JsonArray values = new JsonArray();
            operations.forEach(values::add);
            f.add("values", values);
            f.addProperty("operatorType", "StringIn");
            f.addProperty("key", "data.operationName");
            JsonArray advanced = new JsonArray();
            advanced.add(f);
            filter.add("advancedFilters", advanced);
        }
        JsonObject retry = new JsonObject();
        retry.addProperty("maxDeliveryAttempts", 30);
        retry.addProperty("eventTimeToLiveInMinutes", 1440);
        JsonObject p = new JsonObject();
        p.addProperty("topic", topic.toString());
        p.addProperty("provisioningState", "Succeeded");
        p.add("destination", destination);
        p.add("filter", filter);
        p.add("labels", new JsonArray());
        p.addProperty("eventDeliverySchema", "EventGridSchema");
        p.add("retryPolicy", retry);
        JsonObject o = new JsonObject();
        o.add("properties", p);
        o.addProperty("id", topic + "/eventSubscriptions/" + name);
        o.addProperty("name", name);
        o.addProperty("type", "Microsoft.EventGrid/systemTopics/eventSubscriptions");
        return o;
    }

    public static JsonObject function(String name, boolean disabled) {
        JsonObject p = new JsonObject();
        p.addProperty("name", name);
        p.add("function_app_id", JsonNull.INSTANCE);
        p.addProperty("script_href", "https://func-byokwatch-x7k2.azurewebsites.net/admin/vfs/home/site/wwwroot/byokwatch.jar");
        p.addProperty("config_href", "https://func-byokwatch-x7k2.azurewebsites.net/admin/vfs/home/site/wwwroot/" + name + "/function.json");
        p.addProperty("language", "Java");
        p.addProperty("isDisabled", disabled);
        JsonObject o = new JsonObject();
        o.addProperty("id", APP + "/functions/" + name);
        o.addProperty("name", APP.name() + "/" + name);
        o.addProperty("type", "Microsoft.Web/sites/functions");
        o.addProperty("location", "West Europe");
        o.add("properties", p);
        return o;
    }

    /** A diagnostic setting as listDiagnosticSettings returns it; {@code category} or {@code categoryGroup} set. */
    public static JsonObject diagnosticSetting(ResourceId resource, String name, String workspaceId, String category, String group) {
        JsonObject log = new JsonObject();
        log.add("category", category == null ? JsonNull.INSTANCE : new com.google.gson.JsonPrimitive(category));
        log.add("categoryGroup", group == null ? JsonNull.INSTANCE : new com.google.gson.JsonPrimitive(group));
        log.addProperty("enabled", true);
        JsonObject retention = new JsonObject();
        retention.addProperty("enabled", false);
        retention.addProperty("days", 0);
        log.add("retentionPolicy", retention);
        JsonArray logs = new JsonArray();
        logs.add(log);
        JsonObject p = new JsonObject();
        p.add("storageAccountId", JsonNull.INSTANCE);
        p.add("eventHubAuthorizationRuleId", JsonNull.INSTANCE);
        p.addProperty("workspaceId", workspaceId);
        p.addProperty("logAnalyticsDestinationType", "Dedicated");
        p.add("metrics", new JsonArray());
        p.add("logs", logs);
        JsonObject o = new JsonObject();
        // listDiagnosticSettings returns the resource part of the id lower-cased
        o.addProperty("id", resource.toString().toLowerCase(java.util.Locale.ROOT) + "/providers/microsoft.insights/diagnosticSettings/" + name);
        o.addProperty("type", "Microsoft.Insights/diagnosticSettings");
        o.addProperty("name", name);
        o.add("properties", p);
        return o;
    }

    public static JsonObject workspace(ResourceId id, String customerId) {
        JsonObject sku = new JsonObject();
        sku.addProperty("name", "PerGB2018");
        JsonObject p = new JsonObject();
        p.addProperty("provisioningState", "Succeeded");
        p.addProperty("customerId", customerId);
        p.add("sku", sku);
        p.addProperty("retentionInDays", 90);
        JsonObject o = new JsonObject();
        o.add("properties", p);
        o.addProperty("id", id.toString());
        o.addProperty("name", id.name());
        o.addProperty("type", "Microsoft.OperationalInsights/workspaces");
        o.addProperty("location", "westeurope");
        return o;
    }
}
