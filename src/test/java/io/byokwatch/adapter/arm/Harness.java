package io.byokwatch.adapter.arm;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.byokwatch.domain.ResourceId;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/** A fake ARM, a clock that only moves when told (or when the sleeper "sleeps") and payload builders. */
public final class Harness {
    public static final String SUB_A = "00000000-0000-0000-0000-000000000000";
    public static final String SUB_B = "11111111-1111-1111-1111-111111111111";
    public static final String SUB_C = "22222222-2222-2222-2222-222222222222";

    public final FakeArm arm;
    public final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    public final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    public final List<String> tokenScopes = Collections.synchronizedList(new ArrayList<>());

    public Harness(FakeArm arm) {
        this.arm = arm;
        arm.reset();
    }

    /**
     * Entra ID cannot be reached from the tests, so the credential hands out a fixed token (which the fake checks)
     * and records the scopes it was asked for; everything after it is the real SDK pipeline and Netty client.
     */
    public TokenCredential credential() {
        return request -> {
            tokenScopes.addAll(request.getScopes());
            return Mono.just(new AccessToken(FakeArm.TOKEN, OffsetDateTime.now(ZoneOffset.UTC).plusHours(1)));
        };
    }

    public ArmSettings settings() {
        return ArmSettings.of(ArmCloud.AZURE_CLOUD, List.of(SUB_A, SUB_B), credential()).withArmEndpoint(arm.endpoint());
    }

    public LiveInventory inventory() {
        return inventory(UnaryOperator.identity());
    }

    public LiveInventory inventory(UnaryOperator<ArmSettings> tweak) {
        Sleeper sleeper = d -> {
            sleeps.add(d);
            clock.advance(d);
        };
        return new LiveInventory(tweak.apply(settings()), TestTls.get().trustingClient, clock, sleeper, arm::hsmBase);
    }

    public Duration slept() {
        synchronized (sleeps) {
            return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
        }
    }

    public static final class MutableClock extends Clock {
        private volatile Instant now;

        public MutableClock(Instant start) {
            this.now = start;
        }

        public synchronized void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    public static ResourceId clusterId(String sub, String name) {
        return ResourceId.parse("/subscriptions/" + sub + "/resourceGroups/rg-aks/providers/"
                + "Microsoft.ContainerService/managedClusters/" + name);
    }

    public static ResourceId setId(String sub, String name) {
        return ResourceId.parse("/subscriptions/" + sub + "/resourceGroups/rg-keys/providers/"
                + "Microsoft.Compute/diskEncryptionSets/" + name);
    }

    public static ResourceId vaultId(String sub, String name) {
        return ResourceId.parse("/subscriptions/" + sub + "/resourceGroups/rg-keys/providers/"
                + "Microsoft.KeyVault/vaults/" + name);
    }

    /** An ARM managedClusters body as AKS returns it, with one inline node pool. */
    public static JsonObject cluster(ResourceId id, ResourceId setId) {
        JsonObject pool = new JsonObject();
        pool.addProperty("name", "system");
        pool.addProperty("count", 3);
        pool.addProperty("vmSize", "Standard_D4s_v5");
        pool.addProperty("mode", "System");
        pool.addProperty("osDiskType", "Managed");
        pool.addProperty("enableEncryptionAtHost", true);
        JsonArray pools = new JsonArray();
        pools.add(pool);
        JsonObject properties = new JsonObject();
        properties.addProperty("provisioningState", "Succeeded");
        properties.addProperty("nodeResourceGroup", nodeResourceGroup(id));
        properties.add("agentPoolProfiles", pools);
        if (setId != null) {
            properties.addProperty("diskEncryptionSetID", setId.toString());
        }
        JsonObject body = resource(id, "Microsoft.ContainerService/managedClusters");
        body.add("properties", properties);
        return body;
    }

    /** The node resource group AKS names for a cluster: {@code MC_<group>_<cluster>_<region>}. */
    public static String nodeResourceGroup(ResourceId cluster) {
        return "MC_" + cluster.resourceGroup() + "_" + cluster.name() + "_westeurope";
    }

    /** The id of a resource group: {@code /subscriptions/<sub>/resourceGroups/<name>}. */
    public static ResourceId groupId(String sub, String name) {
        return ResourceId.parse("/subscriptions/" + sub + "/resourceGroups/" + name);
    }

    /** A VM scale set VM of an AKS node pool in the given group, as a disk's {@code managedBy} names it. */
    public static String scaleSetVm(ResourceId group, int instance) {
        return group + "/providers/Microsoft.Compute/virtualMachineScaleSets/aks-user-27342081-vmss/virtualMachines"
                + "/aks-user-27342081-vmss_" + instance;
    }

    /**
     * A managed disk body as ARM returns one the Azure Disk CSI driver created for a PVC (the shape of a real AKS PV
     * disk: encryption, diskState, managedBy, the CSI tags); {@code set} null means the platform key,
     * {@code managedBy} null unattached, {@code pvc} null a disk the driver did not create.
     */
    public static JsonObject disk(ResourceId group, String name, ResourceId set, String managedBy, String pvc) {
        ResourceId id = ResourceId.parse(group + "/providers/Microsoft.Compute/disks/" + name);
        JsonObject encryption = new JsonObject();
        encryption.addProperty("type", set == null ? "EncryptionAtRestWithPlatformKey" : "EncryptionAtRestWithCustomerKey");
        if (set != null) {
            encryption.addProperty("diskEncryptionSetId", set.toString());
        }
        JsonObject creation = new JsonObject();
        creation.addProperty("createOption", "Empty");
        JsonObject properties = new JsonObject();
        properties.add("creationData", creation);
        properties.addProperty("diskSizeGB", 10);
        properties.addProperty("diskState", managedBy == null ? "Unattached" : "Attached");
        properties.add("encryption", encryption);
        properties.addProperty("provisioningState", "Succeeded");
        properties.addProperty("timeCreated", "2026-02-27T13:41:42.9555129+00:00");
        JsonObject tags = new JsonObject();
        if (pvc != null) {
            tags.addProperty("k8s-azure-created-by", "kubernetes-azure-dd");
            tags.addProperty("kubernetes.io-created-for-pv-name", name);
            tags.addProperty("kubernetes.io-created-for-pvc-name", pvc);
            tags.addProperty("kubernetes.io-created-for-pvc-namespace", "payments");
        }
        JsonObject body = resource(id, "Microsoft.Compute/disks");
        if (managedBy != null) {
            body.addProperty("managedBy", managedBy);
        }
        body.add("tags", tags);
        body.add("properties", properties);
        return body;
    }

    /** A snapshot the CSI driver took of {@code sourceDisk} for a VolumeSnapshot, in {@code group}. */
    public static JsonObject volumeSnapshot(ResourceId group, String name, ResourceId sourceDisk, ResourceId set) {
        ResourceId id = ResourceId.parse(group + "/providers/Microsoft.Compute/snapshots/" + name);
        JsonObject encryption = new JsonObject();
        encryption.addProperty("type", set == null ? "EncryptionAtRestWithPlatformKey" : "EncryptionAtRestWithCustomerKey");
        if (set != null) {
            encryption.addProperty("diskEncryptionSetId", set.toString());
        }
        JsonObject creation = new JsonObject();
        creation.addProperty("createOption", "Copy");
        creation.addProperty("sourceResourceId", sourceDisk.toString());
        JsonObject properties = new JsonObject();
        properties.add("creationData", creation);
        properties.add("encryption", encryption);
        properties.addProperty("incremental", true);
        properties.addProperty("provisioningState", "Succeeded");
        JsonObject tags = new JsonObject();
        tags.addProperty("k8s-azure-created-by", "kubernetes-azure-dd");
        tags.addProperty("kubernetes.io-created-for-snapshot-name", name);
        tags.addProperty("kubernetes.io-created-for-snapshot-namespace", "payments");
        tags.addProperty("source_volume_id", sourceDisk.toString());
        JsonObject body = resource(id, "Microsoft.Compute/snapshots");
        body.add("tags", tags);
        body.add("properties", properties);
        return body;
    }

    public static JsonObject kms(JsonObject cluster, String keyId) {
        JsonObject kms = new JsonObject();
        kms.addProperty("enabled", true);
        kms.addProperty("keyId", keyId);
        kms.addProperty("keyVaultNetworkAccess", "Public");
        JsonObject security = new JsonObject();
        security.add("azureKeyVaultKms", kms);
        cluster.getAsJsonObject("properties").add("securityProfile", security);
        return cluster;
    }

    /** A disk encryption set body; {@code previousKeyUrl} may be null. */
    public static JsonObject set(ResourceId id, String keyUrl, ResourceId vault, String previousKeyUrl) {
        JsonObject activeKey = new JsonObject();
        activeKey.addProperty("keyUrl", keyUrl);
        if (vault != null) {
            JsonObject sourceVault = new JsonObject();
            sourceVault.addProperty("id", vault.toString());
            activeKey.add("sourceVault", sourceVault);
        }
        JsonArray previous = new JsonArray();
        if (previousKeyUrl != null) {
            JsonObject p = new JsonObject();
            p.addProperty("keyUrl", previousKeyUrl);
            previous.add(p);
        }
        JsonObject properties = new JsonObject();
        properties.add("activeKey", activeKey);
        properties.add("previousKeys", previous);
        properties.addProperty("encryptionType", "EncryptionAtRestWithCustomerKey");
        properties.addProperty("rotationToLatestKeyVersionEnabled", true);
        properties.addProperty("provisioningState", "Succeeded");
        JsonObject identity = new JsonObject();
        identity.addProperty("type", "SystemAssigned");
        identity.addProperty("principalId", "33333333-3333-3333-3333-333333333333");
        JsonObject body = resource(id, "Microsoft.Compute/diskEncryptionSets");
        body.add("identity", identity);
        body.add("properties", properties);
        return body;
    }

    public static JsonObject vault(ResourceId id, boolean rbac) {
        JsonObject sku = new JsonObject();
        sku.addProperty("family", "A");
        sku.addProperty("name", "premium");
        JsonObject properties = new JsonObject();
        properties.addProperty("tenantId", "44444444-4444-4444-4444-444444444444");
        properties.add("sku", sku);
        properties.addProperty("enableSoftDelete", true);
        properties.addProperty("enablePurgeProtection", true);
        properties.addProperty("enableRbacAuthorization", rbac);
        properties.add("accessPolicies", new JsonArray());
        properties.addProperty("vaultUri", "https://" + id.name() + ".vault.azure.net/");
        JsonObject body = resource(id, "Microsoft.KeyVault/vaults");
        body.add("properties", properties);
        return body;
    }

    /** A management-plane key body: epoch-second attributes, a {@code :443} key URI, a rotation policy. */
    public static JsonObject key(ResourceId vault, String name) {
        JsonObject attributes = new JsonObject();
        attributes.addProperty("enabled", true);
        attributes.addProperty("created", 1767225600);
        attributes.addProperty("recoveryLevel", "Recoverable");
        JsonObject trigger = new JsonObject();
        trigger.addProperty("timeAfterCreate", "P90D");
        JsonObject action = new JsonObject();
        action.addProperty("type", "rotate");
        JsonObject lifetime = new JsonObject();
        lifetime.add("trigger", trigger);
        lifetime.add("action", action);
        JsonArray actions = new JsonArray();
        actions.add(lifetime);
        JsonObject policy = new JsonObject();
        policy.add("lifetimeActions", actions);
        JsonObject properties = new JsonObject();
        properties.add("attributes", attributes);
        properties.addProperty("kty", "RSA-HSM");
        properties.addProperty("keySize", 3072);
        properties.addProperty("keyUri", "https://" + vault.name() + ".vault.azure.net:443/keys/" + name);
        properties.addProperty("keyUriWithVersion", "https://" + vault.name() + ".vault.azure.net:443/keys/" + name
                + "/0123456789abcdef0123456789abcdef");
        properties.add("rotationPolicy", policy);
        JsonObject body = resource(vault.child("keys", name), "Microsoft.KeyVault/vaults/keys");
        body.add("properties", properties);
        return body;
    }

    public static JsonObject roleAssignment(ResourceId scope, String guid, String principalId) {
        JsonObject properties = new JsonObject();
        properties.addProperty("principalId", principalId);
        properties.addProperty("principalType", "ServicePrincipal");
        properties.addProperty("roleDefinitionId", "/subscriptions/" + scope.subscriptionId()
                + "/providers/Microsoft.Authorization/roleDefinitions/e147488a-f6f5-4113-8e2d-b22465e65bf6");
        properties.addProperty("scope", scope.toString());
        JsonObject body = new JsonObject();
        body.addProperty("id", scope + "/providers/Microsoft.Authorization/roleAssignments/" + guid);
        body.addProperty("name", guid);
        body.addProperty("type", "Microsoft.Authorization/roleAssignments");
        body.add("properties", properties);
        return body;
    }

    private static JsonObject resource(ResourceId id, String type) {
        JsonObject body = new JsonObject();
        body.addProperty("id", id.toString());
        body.addProperty("name", id.name());
        body.addProperty("type", type);
        body.addProperty("location", "westeurope");
        return body;
    }
}
